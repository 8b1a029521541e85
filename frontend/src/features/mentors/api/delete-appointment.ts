import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export const deleteAppointment = (id: number) =>
  api<void>(`/mentor-appointments/${id}/`, { method: 'DELETE' });

export function useDeleteAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAppointment,
    onSuccess: () =>
      Promise.all(
        ['mentor-appointments', 'mentors', 'mentor-counts'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  });
}
