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

export function useCompletions(params: CompletionParams) {
  return useQuery(completionsQueryOptions(params));
}
