import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';
import type { components } from '@/types/api';

import type { TeacherFilters, TeacherListRow } from '../types/teacher';

/** A page of teachers; count_exact is false when count is an estimate (a large filtered list). */
export type TeachersPage = Paginated<TeacherListRow> &
  Pick<components['schemas']['PaginatedTeacherListList'], 'count_exact'>;

export const getTeachers = (filters: TeacherFilters, signal?: AbortSignal) =>
  api<TeachersPage>('/teachers/', { params: filters, signal });

export const teachersQueryOptions = (filters: TeacherFilters) =>
  queryOptions({
    queryKey: ['teachers', 'list', filters],
    queryFn: ({ signal }) => getTeachers(filters, signal),
    placeholderData: keepPreviousData,
  });

export function useTeachers(filters: TeacherFilters) {
  return useQuery(teachersQueryOptions(filters));
}
