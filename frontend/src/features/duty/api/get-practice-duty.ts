import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { DutyRow, DutySummaryRow } from '../types/duty';

export type DutyParams = { school?: number; city?: number; short?: boolean; page?: number; page_size?: number };

export const practiceDutyQueryOptions = (params: DutyParams) =>
  queryOptions({
    queryKey: ['practice-duty', params],
    queryFn: ({ signal }) => api<Paginated<DutyRow>>('/practice-duty/', { params, signal }),
  });

/** `enabled: false` holds the request back (while an id from the address is checked). */
export function usePracticeDuty(params: DutyParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...practiceDutyQueryOptions(params), enabled });
}

export const dutySummaryQueryOptions = (params: { city?: number }) =>
  queryOptions({
    queryKey: ['practice-duty', 'summary', params],
    queryFn: ({ signal }) => api<DutySummaryRow[]>('/practice-duty/summary/', { params, signal }),
  });

export function useDutySummary(params: { city?: number }, enabled = true) {
  return useQuery({ ...dutySummaryQueryOptions(params), enabled });
}
