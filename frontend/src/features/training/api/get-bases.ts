import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { ListParams, TrainingBase } from '../types/training';

export type BaseParams = ListParams & { city?: number; status?: string; designation?: string; host_kind?: string };

export const getBases = (params: BaseParams, signal?: AbortSignal) =>
  api<Paginated<TrainingBase>>('/training-bases/', { params, signal });

export const basesQueryOptions = (params: BaseParams) =>
  queryOptions({
    queryKey: ['training-bases', 'list', params],
    queryFn: ({ signal }) => getBases(params, signal),
    placeholderData: keepPreviousData,
  });

/** `enabled: false` holds the request back (while an id from the address is checked). */
export function useBases(params: BaseParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...basesQueryOptions(params), enabled });
}
