import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

export const deleteTeacher = (id: number) => api<void>(`/teachers/${id}/`, { method: 'DELETE' });

export function useDeleteTeacher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTeacher,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: ['teachers'] }), invalidateRatios(queryClient)]),
  });
}
