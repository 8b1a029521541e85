import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

export const deleteAppointment = (id: number) =>
  api<void>(`/mentor-appointments/${id}/`, { method: 'DELETE' });

export function useDeleteAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAppointment,
    // The school's ratio figures count its mentors in force (the staffing card).
    onSuccess: () =>
      Promise.all([
        ...['mentor-appointments', 'mentors', 'mentor-counts'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
        invalidateRatios(queryClient),
      ]),
  });
}
