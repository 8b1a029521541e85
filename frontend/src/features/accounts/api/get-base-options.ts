import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

export type BaseOption = { id: number; code: string; name: string };

/** Training bases for the scope select (about 20). */
export const baseOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ['training-bases', 'options'],
    queryFn: ({ signal }) =>
      api<Paginated<BaseOption>>('/training-bases/', { params: { page_size: 200, ordering: 'code' }, signal }),
    staleTime: 10 * 60 * 1000,
  });

export function useBaseOptions() {
  return useQuery(baseOptionsQueryOptions());
}
