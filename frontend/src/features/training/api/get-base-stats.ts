import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { BaseStats } from '../types/training';

/** Per base (all for the province, its own for base staff): not paginated. */
export const baseStatsQueryOptions = () =>
  queryOptions({
    queryKey: ['base-stats'],
    queryFn: ({ signal }) => api<BaseStats[]>('/training-bases/stats/', { signal }),
  });

export function useBaseStats() {
  return useQuery(baseStatsQueryOptions());
}
