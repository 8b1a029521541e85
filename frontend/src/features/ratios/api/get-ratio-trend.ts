import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Trend } from '../types/ratios';

/** `as_of`: the page's date (YYYY-MM-DD): the series ends at its month, whose point is that day's. */
export type TrendParams = { school?: number; city?: number; start?: string; end?: string; as_of?: string };

export const ratioTrendQueryOptions = (params: TrendParams) =>
  queryOptions({
    queryKey: ['ratios-trend', params],
    queryFn: ({ signal }) => api<Trend>('/ratios/trend/', { params, signal }),
  });

export function useRatioTrend(params: TrendParams, enabled = true) {
  return useQuery({ ...ratioTrendQueryOptions(params), enabled });
}
