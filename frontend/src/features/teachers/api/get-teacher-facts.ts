import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { TeacherFact } from '../types/teacher';

export const teacherFactsQueryOptions = (teacher: number) =>
  queryOptions({
    queryKey: ['teachers', 'facts', teacher],
    queryFn: ({ signal }) => api<TeacherFact[]>(`/teachers/${teacher}/facts/`, { signal }),
  });

/** The dated history of school, employment, course type, title and field category (§3). */
export function useTeacherFacts(teacher: number, enabled: boolean) {
  return useQuery({ ...teacherFactsQueryOptions(teacher), enabled: enabled && Number.isFinite(teacher) });
}
