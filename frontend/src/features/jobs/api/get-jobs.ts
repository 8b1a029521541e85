import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import { isActive, type Job } from '../types/job';

export const getJobs = (page: number, signal?: AbortSignal) =>
  api<Paginated<Job>>('/jobs/', { params: { page }, signal });

/** The user's own jobs, newest first; asked again often while one of them is still working. */
export const jobsQueryOptions = (page = 1) =>
  queryOptions({
    queryKey: ['jobs', 'list', page],
    queryFn: ({ signal }) => getJobs(page, signal),
    refetchInterval: (query) =>
      query.state.data?.results.some((job) => isActive(job.status)) ? 1500 : 20_000,
  });

export function useJobs(page = 1) {
  return useQuery(jobsQueryOptions(page));
}
