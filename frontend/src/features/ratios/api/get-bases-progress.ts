import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { BasesProgress } from '../types/ratios';

export type BasesProgressParams = { as_of?: string };

export const basesProgressQueryOptions = (params: BasesProgressParams) =>
  queryOptions({
    queryKey: ['bases-progress', params],
    queryFn: ({ signal }) => api<BasesProgress>('/training-bases/progress/', { params, signal }),
  });

export function useBasesProgress(params: BasesProgressParams, enabled = true) {
  return useQuery({ ...basesProgressQueryOptions(params), enabled });
}
