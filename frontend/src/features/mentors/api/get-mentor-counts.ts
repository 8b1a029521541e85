import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { MentorCounts } from '../types/mentor';

/** Per visible school: mentors in force, by mode, on the part-time track (not paginated). */
export const mentorCountsQueryOptions = () =>
  queryOptions({
    queryKey: ['mentor-counts'],
    queryFn: ({ signal }) => api<MentorCounts[]>('/mentors/counts/', { signal }),
  });

export function useMentorCounts() {
  return useQuery(mentorCountsQueryOptions());
}
