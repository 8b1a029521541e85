import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { ListParams, TrainingProgram } from '../types/training';

export type ProgramParams = ListParams & { base?: number; kind?: string };

export const getPrograms = (params: ProgramParams, signal?: AbortSignal) =>
  api<Paginated<TrainingProgram>>('/training-programs/', { params, signal });

export const programsQueryOptions = (params: ProgramParams) =>
  queryOptions({
    queryKey: ['training-programs', 'list', params],
    queryFn: ({ signal }) => getPrograms(params, signal),
    placeholderData: keepPreviousData,
  });

export function usePrograms(params: ProgramParams) {
  return useQuery(programsQueryOptions(params));
}
