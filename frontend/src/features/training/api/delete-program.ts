import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export const deleteProgram = (id: number) => api<void>(`/training-programs/${id}/`, { method: 'DELETE' });

export function useDeleteProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteProgram,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['training-programs'] }),
        queryClient.invalidateQueries({ queryKey: ['base-stats'] }),
      ]),
  });
}
