import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Target } from '../types/settings';

export const targetsQueryOptions = () =>
  queryOptions({
    queryKey: ['targets'],
    queryFn: ({ signal }) => api<Target[]>('/targets/', { signal }),
  });

export function useTargets() {
  return useQuery(targetsQueryOptions());
}
