import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Forecast, FallingSchool } from '../types/forecast';

export type ForecastParams = { school?: number; city?: number; months?: number };

export const ratioForecastQueryOptions = (params: ForecastParams) =>
  queryOptions({
    queryKey: ['ratios-forecast', params],
    queryFn: ({ signal }) => api<Forecast>('/ratios/forecast/', { params, signal }),
  });

export function useRatioForecast(params: ForecastParams, enabled = true) {
  return useQuery({ ...ratioForecastQueryOptions(params), enabled });
}

export type FallingBelowParams = { city?: number; kind?: string; months?: number };

export const fallingBelowQueryOptions = (params: FallingBelowParams) =>
  queryOptions({
    queryKey: ['ratios-forecast', 'schools', params],
    queryFn: ({ signal }) => api<FallingSchool[]>('/ratios/forecast/schools/', { params, signal }),
  });

export function useFallingBelow(params: FallingBelowParams) {
  return useQuery(fallingBelowQueryOptions(params));
}
