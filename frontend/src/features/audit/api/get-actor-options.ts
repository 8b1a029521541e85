import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';
import type { components } from '@/types/api';

type User = components['schemas']['User'];

const getActors = (search: string, signal?: AbortSignal) =>
  api<Paginated<User>>('/users/', { params: { search: search || undefined, page_size: 20, ordering: 'username' }, signal });

export const actorOptionsQueryOptions = (search: string) =>
  queryOptions({
    queryKey: ['users', 'audit-actors', search],
    queryFn: ({ signal }) => getActors(search, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** Accounts to pick as the log's "who" filter (the province reads every account). */
export function useActorOptions(search: string) {
  return useQuery(actorOptionsQueryOptions(search));
}
