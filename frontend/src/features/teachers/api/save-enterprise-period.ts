import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

import type { EnterprisePeriod } from '../types/teacher';

export type EnterprisePeriodInput = Partial<Omit<EnterprisePeriod, 'id'>> & { id?: number; teacher: number };

/** POST a new row, or PATCH an existing one when `id` is given. */
export const saveEnterprisePeriod = ({ id, ...data }: EnterprisePeriodInput) =>
  id
    ? api<EnterprisePeriod>(`/enterprise-periods/${id}/`, { method: 'PATCH', body: data })
    : api<EnterprisePeriod>('/enterprise-periods/', { method: 'POST', body: data });

export function useSaveEnterprisePeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveEnterprisePeriod,
    onSuccess: (row) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['enterprise-periods'] }),
        // The verdict depends on these rows.
        queryClient.invalidateQueries({ queryKey: ['teachers', 'detail', row.teacher] }),
        invalidateRatios(queryClient),
      ]),
  });
}
