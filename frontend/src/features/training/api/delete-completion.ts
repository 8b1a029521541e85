import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

export const deleteCompletion = (id: number) =>
  api<void>(`/training-completions/${id}/`, { method: 'DELETE' });

export function useDeleteCompletion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCompletion,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['training-completions'] }),
        queryClient.invalidateQueries({ queryKey: ['base-stats'] }),
        invalidateRatios(queryClient),
      ]),
  });
}
