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

export function useExperts(enabled: boolean) {
  return useQuery({
    queryKey: ['recognition', 'experts'],
    queryFn: ({ signal }) =>
      api<Paginated<ExpertAccount>>('/users/', { params: { role: 'expert', page_size: 200 }, signal }),
    enabled,
  });
}
