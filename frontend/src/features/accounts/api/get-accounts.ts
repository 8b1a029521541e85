import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { Account, AccountParams } from '../types/account';

export const getAccounts = (params: AccountParams, signal?: AbortSignal) =>
  api<Paginated<Account>>('/users/', { params, signal });

export const accountsQueryOptions = (params: AccountParams) =>
  queryOptions({
    queryKey: ['users', 'list', params],
    queryFn: ({ signal }) => getAccounts(params, signal),
    placeholderData: keepPreviousData,
  });

export function useAccounts(params: AccountParams) {
  return useQuery(accountsQueryOptions(params));
}
