import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

import type { Mentor } from '../types/mentor';

export type MentorInput = Partial<Omit<Mentor, 'id' | 'age'>> & { id?: number };

/** POST a new mentor, or PATCH one (with the version read) when `id` is given. */
export const saveMentor = ({ id, ...data }: MentorInput) =>
  id
    ? api<Mentor>(`/mentors/${id}/`, { method: 'PATCH', body: data })
    : api<Mentor>('/mentors/', { method: 'POST', body: data });

export function useSaveMentor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveMentor,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['mentors'] }),
        queryClient.invalidateQueries({ queryKey: ['mentor-appointments'] }),
        invalidateRatios(queryClient),
      ]),
  });
}
