import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Teacher } from '../types/teacher';

export const getTeacher = (id: number, signal?: AbortSignal) =>
  api<Teacher>(`/teachers/${id}/`, { signal });

export const teacherQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['teachers', 'detail', id],
    queryFn: ({ signal }) => getTeacher(id, signal),
  });

export function useTeacher(id: number) {
  return useQuery({ ...teacherQueryOptions(id), enabled: Number.isFinite(id) });
}
