import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Appointment } from '../types/mentor';

export type AppointmentInput = Partial<Omit<Appointment, 'id' | 'mentor_name' | 'school_name'>> & {
  id?: number;
  /** Names a mentor registered elsewhere (found by lookup), in the body only. */
  mentor_id_number?: string;
};

/** POST a new appointment, or PATCH one (with the version read) when `id` is given. */
export const saveAppointment = ({ id, ...data }: AppointmentInput) =>
  id
    ? api<Appointment>(`/mentor-appointments/${id}/`, { method: 'PATCH', body: data })
    : api<Appointment>('/mentor-appointments/', { method: 'POST', body: data });

export function useSaveAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveAppointment,
    onSettled: () =>
      Promise.all(
        ['mentor-appointments', 'mentors', 'mentor-counts'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  });
}
