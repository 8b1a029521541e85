import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { RuleValues, SavedProfile } from '../types/settings';

export type ProfileInput = { values: RuleValues; note: string; base_version: number };

/** Stores a new profile version (the changes on top of the current one); the server re-evaluates everyone. */
export const createProfile = (input: ProfileInput) =>
  api<SavedProfile>('/rule-profiles/', { method: 'POST', body: input });

export function useCreateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProfile,
    // Every verdict may change: drop whatever was cached.
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' }),
  });
}
