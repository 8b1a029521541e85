import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { Teacher, TeacherFilters } from '../types/teacher';

export const getTeachers = (filters: TeacherFilters, signal?: AbortSignal) =>
  api<Paginated<Teacher>>('/teachers/', { params: filters, signal });

export const teachersQueryOptions = (filters: TeacherFilters) =>
  queryOptions({
    queryKey: ['teachers', 'list', filters],
    queryFn: ({ signal }) => getTeachers(filters, signal),
    placeholderData: keepPreviousData,
  });

export function useTeachers(filters: TeacherFilters) {
  return useQuery(teachersQueryOptions(filters));
}
