import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

import type { TrainingCompletion } from '../types/training';

export type CompletionInput = {
  id?: number;
  version?: number;
  program?: number;
  /** Base staff name a new completion's teacher by exact ID number, in the body only. */
  teacher_id_number?: string;
  completed_on?: string | null;
  hours?: number;
  passed?: boolean;
  certificate_no?: string;
};

/** POST a new completion, or PATCH one (with the version read) when `id` is given. */
export const saveCompletion = ({ id, ...data }: CompletionInput) =>
  id
    ? api<TrainingCompletion>(`/training-completions/${id}/`, { method: 'PATCH', body: data })
    : api<TrainingCompletion>('/training-completions/', { method: 'POST', body: data });

export function useSaveCompletion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveCompletion,
    // A completion re-evaluates its teacher: ratios and stats move too.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['training-completions'] }),
        queryClient.invalidateQueries({ queryKey: ['base-stats'] }),
        invalidateRatios(queryClient),
      ]),
  });
}
