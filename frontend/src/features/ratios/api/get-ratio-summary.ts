import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { RatioSummary } from '../types/ratios';

export type SummaryParams = { as_of?: string; city?: number; kind?: string };

export const ratioSummaryQueryOptions = (params: SummaryParams) =>
  queryOptions({
    queryKey: ['ratios-summary', params],
    queryFn: ({ signal }) => api<RatioSummary>('/ratios/summary/', { params, signal }),
  });

export function useRatioSummary(params: SummaryParams, enabled = true) {
  return useQuery({ ...ratioSummaryQueryOptions(params), enabled });
}
