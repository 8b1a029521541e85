import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

export const deleteCertificate = ({ id }: { id: number; teacher: number }) =>
  api<void>(`/certificates/${id}/`, { method: 'DELETE' });

export function useDeleteCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCertificate,
    onSuccess: (_data, { teacher }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['certificates'] }),
        queryClient.invalidateQueries({ queryKey: ['teachers', 'detail', teacher] }),
        invalidateRatios(queryClient),
      ]),
  });
}
