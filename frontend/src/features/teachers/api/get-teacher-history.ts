import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { TeacherHistoryEntry } from '../types/teacher';

/** Entries a page: the card sits among others on the teacher's page. */
export const HISTORY_PAGE_SIZE = 10;

export const teacherHistoryQueryOptions = (teacher: number, page: number) =>
  queryOptions({
    queryKey: ['teachers', 'history', teacher, page],
    queryFn: ({ signal }) =>
      api<Paginated<TeacherHistoryEntry>>(`/teachers/${teacher}/history/`, { params: { page, page_size: HISTORY_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });

/** Who changed the teacher and their records, and when: newest first, a page at a time. */
export function useTeacherHistory(teacher: number, page: number, enabled: boolean) {
  return useQuery({ ...teacherHistoryQueryOptions(teacher, page), enabled: enabled && Number.isFinite(teacher) });
}
