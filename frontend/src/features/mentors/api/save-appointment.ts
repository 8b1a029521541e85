import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';
import type { components } from '@/types/api';

import type { Appointment } from '../types/mentor';

export type AppointmentInput = Partial<Omit<Appointment, 'id' | 'mentor_name' | 'school_name'>> & {
  id?: number;
  /** Names a mentor registered elsewhere (found by lookup), in the body only. */
  mentor_id_number?: string;
  /** A mentor to register with the appointment (a new one only): the server writes both or
   * neither, so a refused appointment leaves no mentor behind. */
  new_mentor?: components['schemas']['MentorRequest'];
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
    // The school's ratio figures count its mentors in force (the staffing card).
    onSettled: () =>
      Promise.all([
        ...['mentor-appointments', 'mentors', 'mentor-counts'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
        invalidateRatios(queryClient),
      ]),
  });
}
