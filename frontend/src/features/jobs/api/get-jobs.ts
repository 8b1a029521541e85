import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';
import { busyPoller } from '@/lib/polling';

import { isActive, type Job } from '../types/job';

export const getJobs = (page: number, signal?: AbortSignal) =>
  api<Paginated<Job>>('/jobs/', { params: { page }, signal });

/** Which of the page's jobs are still working (null: none): a job that starts or ends is a new state. */
const working = (page: Paginated<Job> | undefined) => {
  const ids = page?.results.filter((job) => isActive(job.status)).map((job) => job.id) ?? [];
  return ids.length ? ids.join(',') : null;
};

// Made once: it remembers, by query, since when the same jobs have been working.
const pollJobs = busyPoller(working, 20_000);

/** The user's own jobs, newest first; asked again often while one of them is still working. */
export const jobsQueryOptions = (page = 1) =>
  queryOptions({
    queryKey: ['jobs', 'list', page],
    queryFn: ({ signal }) => getJobs(page, signal),
    refetchInterval: pollJobs,
  });

export function useJobs(page = 1) {
  return useQuery(jobsQueryOptions(page));
}
