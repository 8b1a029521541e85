import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { SchoolRatio } from '../types/ratios';

export type SchoolRatiosParams = { school?: number; city?: number; kind?: string; below_target?: boolean; ordering?: string; search?: string; page?: number; page_size?: number; as_of?: string };

export const schoolRatiosQueryOptions = (params: SchoolRatiosParams) =>
  queryOptions({
    queryKey: ['ratios-schools', params],
    queryFn: ({ signal }) => api<Paginated<SchoolRatio>>('/ratios/schools/', { params, signal }),
  });

export function useSchoolRatios(params: SchoolRatiosParams, enabled = true) {
  return useQuery({ ...schoolRatiosQueryOptions(params), enabled });
}
