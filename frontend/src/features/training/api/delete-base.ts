import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export const deleteBase = (id: number) => api<void>(`/training-bases/${id}/`, { method: 'DELETE' });

export function useDeleteBase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBase,
    onSuccess: () =>
      Promise.all(
        ['training-bases', 'bases-progress', 'base-stats'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  });
}
