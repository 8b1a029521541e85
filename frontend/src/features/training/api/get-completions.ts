import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { ListParams, TrainingCompletion } from '../types/training';

export type CompletionParams = ListParams & { program?: number; passed?: boolean };

export const getCompletions = (params: CompletionParams, signal?: AbortSignal) =>
  api<Paginated<TrainingCompletion>>('/training-completions/', { params, signal });

export const completionsQueryOptions = (params: CompletionParams) =>
  queryOptions({
    queryKey: ['training-completions', 'list', params],
    queryFn: ({ signal }) => getCompletions(params, signal),
    placeholderData: keepPreviousData,
  });

/** `enabled: false` holds the request back (while an id from the address is checked). */
export function useCompletions(params: CompletionParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...completionsQueryOptions(params), enabled });
}
