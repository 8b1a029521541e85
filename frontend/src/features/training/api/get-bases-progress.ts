import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { BasesProgress } from '../types/training';

export const basesProgressQueryOptions = () =>
  queryOptions({
    queryKey: ['bases-progress', {}],
    queryFn: ({ signal }) => api<BasesProgress>('/training-bases/progress/', { signal }),
  });

export function useBasesProgress() {
  return useQuery(basesProgressQueryOptions());
}
