import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { ListParams, Mentor } from '../types/mentor';

export type MentorParams = ListParams & { category?: string; school?: number };

export const getMentors = (params: MentorParams, signal?: AbortSignal) =>
  api<Paginated<Mentor>>('/mentors/', { params, signal });

export const mentorsQueryOptions = (params: MentorParams) =>
  queryOptions({
    queryKey: ['mentors', 'list', params],
    queryFn: ({ signal }) => getMentors(params, signal),
    placeholderData: keepPreviousData,
  });

export function useMentors(params: MentorParams) {
  return useQuery(mentorsQueryOptions(params));
}
