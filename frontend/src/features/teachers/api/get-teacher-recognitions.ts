import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { Recognition } from '../types/teacher';

/** The teacher's recognitions in force (DESIGN §8), shown beside the computed level. The key
 * sits under ['recognition', …]: a revoke or a finalize refreshes it. */
export const teacherRecognitionsQueryOptions = (teacher: number) =>
  queryOptions({
    queryKey: ['recognition', 'recognitions', { teacher, status: 'active' }],
    queryFn: ({ signal }) =>
      api<Paginated<Recognition>>('/recognitions/', { params: { teacher, status: 'active' }, signal }),
  });

export function useTeacherRecognitions(teacher: number | undefined) {
  return useQuery({ ...teacherRecognitionsQueryOptions(teacher ?? 0), enabled: teacher !== undefined });
}
