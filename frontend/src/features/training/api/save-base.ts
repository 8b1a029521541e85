import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { TrainingBase } from '../types/training';

export type BaseInput = Partial<Omit<TrainingBase, 'id' | 'city_name'>> & { id?: number };

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
