import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

import type { SchoolInput, SchoolRecord } from '../types/ratios';

/** POST a new school, or PATCH one (with the version read) when `id` is given (province only). */
export const saveSchool = ({ id, ...data }: SchoolInput & { id?: number }) =>
  id
    ? api<SchoolRecord>(`/schools/${id}/`, { method: 'PATCH', body: data })
    : api<SchoolRecord>('/schools/', { method: 'POST', body: data });

export function useSaveSchool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveSchool,
    // The school lists and page, and every ratio figure (names, cities, kinds, new rows).
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: ['schools'] }), invalidateRatios(queryClient)]),
  });
}
