import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { TrainingProgram } from '../types/training';

export type ProgramInput = Partial<Omit<TrainingProgram, 'id' | 'base_name'>> & { id?: number };

/** POST a new programme, or PATCH one (with the version read) when `id` is given. */
export const saveProgram = ({ id, ...data }: ProgramInput) =>
  id
    ? api<TrainingProgram>(`/training-programs/${id}/`, { method: 'PATCH', body: data })
    : api<TrainingProgram>('/training-programs/', { method: 'POST', body: data });

export function useSaveProgram() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveProgram,
    // Settled, not only success: after a 409 the list must show the newer row too.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['training-programs'] }),
        queryClient.invalidateQueries({ queryKey: ['base-stats'] }),
      ]),
  });
}
