import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { CurrentProfile } from '../types/settings';

export const currentProfileQueryOptions = () =>
  queryOptions({
    queryKey: ['rule-profiles', 'current'],
    queryFn: ({ signal }) => api<CurrentProfile>('/rule-profiles/current/', { signal }),
  });

export function useCurrentProfile() {
  return useQuery(currentProfileQueryOptions());
}
