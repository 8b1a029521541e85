import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

export const deleteEnterprisePeriod = ({ id }: { id: number; teacher: number }) =>
  api<void>(`/enterprise-periods/${id}/`, { method: 'DELETE' });

export function useDeleteEnterprisePeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteEnterprisePeriod,
    onSuccess: (_data, { teacher }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['enterprise-periods'] }),
        queryClient.invalidateQueries({ queryKey: ['teachers', 'detail', teacher] }),
        invalidateRatios(queryClient),
      ]),
  });
}
