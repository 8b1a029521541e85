import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { Round } from '../types';

export const roundsQueryOptions = () =>
  queryOptions({
    queryKey: ['recognition', 'rounds'],
    queryFn: ({ signal }) =>
      api<Paginated<Round>>('/recognition-rounds/', { params: { page_size: 100 }, signal }),
  });

export function useRounds() {
  return useQuery(roundsQueryOptions());
}

export type RoundInput = Pick<Round, 'code' | 'name' | 'opens_on' | 'closes_on'> &
  Partial<Pick<Round, 'publicity_days' | 'validity_years' | 'levels' | 'experts'>>;

export function useCreateRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RoundInput) => api<Round>('/recognition-rounds/', { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['recognition', 'rounds'] }),
  });
}

/** The province edits a round (dates, publicity, validity, levels, experts); `version` is the
 * one it read, so a concurrent edit is refused. */
export function useUpdateRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, ...input }: Partial<RoundInput> & { id: number; version: number }) =>
      api<Round>(`/recognition-rounds/${id}/`, { method: 'PATCH', body: { ...input, version } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['recognition', 'rounds'] }),
  });
}

export type ExpertAccount = { id: number; username: string; first_name: string };

/** The expert accounts a round may be given: active ones only (the API refuses a
 * deactivated one). `active: false`: the deactivated ones, to name those a closed round kept. */
export const expertsQueryOptions = (active = true) =>
  queryOptions({
    queryKey: ['recognition', 'experts', { active }],
    queryFn: ({ signal }) =>
      api<Paginated<ExpertAccount>>('/users/', {
        params: { role: 'expert', is_active: active ? 'true' : 'false', page_size: 200 },
        signal,
      }),
  });

export function useExperts(enabled: boolean, active = true) {
  return useQuery({ ...expertsQueryOptions(active), enabled });
}
