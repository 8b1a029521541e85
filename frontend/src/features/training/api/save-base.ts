import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { TrainingBase } from '../types/training';

/** effective_on (write-only): the day a status change takes effect (DESIGN §3; default today). */
export type BaseInput = Partial<Omit<TrainingBase, 'id' | 'city_name' | 'status_history'>> & {
  id?: number;
  effective_on?: string | null;
};

/** POST a new base, or PATCH one (with the version read) when `id` is given. */
export const saveBase = ({ id, ...data }: BaseInput) =>
  id
    ? api<TrainingBase>(`/training-bases/${id}/`, { method: 'PATCH', body: data })
    : api<TrainingBase>('/training-bases/', { method: 'POST', body: data });

export function useSaveBase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveBase,
    onSettled: () =>
      Promise.all(
        ['training-bases', 'bases-progress', 'base-stats'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  });
}
