import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Target, TargetCode } from '../types/settings';

export type TargetInput = { code: TargetCode; value: number; deadline: string | null; version: number };

export const updateTarget = ({ code, ...data }: TargetInput) =>
  api<Target>(`/targets/${code}/`, { method: 'PATCH', body: data });

export function useUpdateTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTarget,
    // A new target moves every school's gap and status, and the bases progress.
    onSettled: () =>
      Promise.all(
        ['targets', 'ratios-schools', 'ratios-summary', 'ratios-candidates', 'bases-progress'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key] }),
        ),
      ),
  });
}
