import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { Candidate } from '../types/ratios';

export type CandidatesParams = { school?: number; page?: number; page_size?: number };

export const candidatesQueryOptions = (params: CandidatesParams) =>
  queryOptions({
    queryKey: ['ratios-candidates', params],
    queryFn: ({ signal }) => api<Paginated<Candidate>>('/ratios/candidates/', { params, signal }),
  });

export function useCandidates(params: CandidatesParams, enabled = true) {
  return useQuery({ ...candidatesQueryOptions(params), enabled });
}
