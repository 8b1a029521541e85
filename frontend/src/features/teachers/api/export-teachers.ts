import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { TeacherFilters } from '../types/teacher';

type ExportJob = { id: number; status: string };

/** The list under these filters, made by a background job (the file is in "my jobs"). */
export const exportTeachers = (filters: TeacherFilters) =>
  api<ExportJob>('/exports/teachers/', {
    method: 'POST',
    params: { ...filters, page: undefined, page_size: undefined },
  });

export function useExportTeachers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: exportTeachers,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
