import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Trend } from '../types/ratios';

export type TrendParams = { school?: number; city?: number; start?: string; end?: string };

export const ratioTrendQueryOptions = (params: TrendParams) =>
  queryOptions({
    queryKey: ['ratios-trend', params],
    queryFn: ({ signal }) => api<Trend>('/ratios/trend/', { params, signal }),
  });

export function useRatioTrend(params: TrendParams, enabled = true) {
  return useQuery({ ...ratioTrendQueryOptions(params), enabled });
}
