import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Shares } from '../types/hours';

/** `as_of`: without a term, the term in effect on that day (the dashboard's date). */
export type SharesParams = { term?: string; city?: number; kind?: string; as_of?: string };

export const sharesQueryOptions = (params: SharesParams) =>
  queryOptions({
    queryKey: ['teaching-hours', 'shares', params],
    queryFn: ({ signal }) => api<Shares>('/teaching-hours/shares/', { params, signal }),
  });

export function useShares(params: SharesParams) {
  return useQuery(sharesQueryOptions(params));
}
