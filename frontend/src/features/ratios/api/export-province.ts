import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { components } from '@/types/api';

type Job = Pick<components['schemas']['Job'], 'id' | 'status'>;

/** The province workbook, made by a background job (the file is in "my jobs"). */
export const exportProvince = () => api<Job>('/exports/province/', { method: 'POST' });

export function useExportProvince() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: exportProvince,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
}

/** One school's workbook (its teachers and what each lacks), as a background job. */
export const exportSchool = (school: number) =>
  api<Job>('/exports/school/', { method: 'POST', params: { school } });

export function useExportSchool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: exportSchool,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
