import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Shares } from '../types/hours';

export type SharesParams = { term?: string; city?: number; kind?: string };

export const sharesQueryOptions = (params: SharesParams) =>
  queryOptions({
    queryKey: ['teaching-hours', 'shares', params],
    queryFn: ({ signal }) => api<Shares>('/teaching-hours/shares/', { params, signal }),
  });

export function useShares(params: SharesParams) {
  return useQuery(sharesQueryOptions(params));
}
