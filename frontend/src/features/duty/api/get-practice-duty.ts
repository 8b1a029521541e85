import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { DutyRow, DutySummaryRow } from '../types/duty';

export type DutyParams = { school?: number; city?: number; short?: boolean; page?: number; page_size?: number };

export const practiceDutyQueryOptions = (params: DutyParams) =>
  queryOptions({
    queryKey: ['practice-duty', params],
    queryFn: ({ signal }) => api<Paginated<DutyRow>>('/practice-duty/', { params, signal }),
  });

export function usePracticeDuty(params: DutyParams) {
  return useQuery(practiceDutyQueryOptions(params));
}

export const dutySummaryQueryOptions = (params: { city?: number }) =>
  queryOptions({
    queryKey: ['practice-duty', 'summary', params],
    queryFn: ({ signal }) => api<DutySummaryRow[]>('/practice-duty/summary/', { params, signal }),
  });

export function useDutySummary(params: { city?: number }, enabled = true) {
  return useQuery({ ...dutySummaryQueryOptions(params), enabled });
}
