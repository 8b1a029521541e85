import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { EnterprisePeriod } from '../types/teacher';

export const getEnterprisePeriods = (teacher: number, signal?: AbortSignal) =>
  api<Paginated<EnterprisePeriod>>('/enterprise-periods/', { params: { teacher, page_size: 200 }, signal });

export const enterprisePeriodsQueryOptions = (teacher: number) =>
  queryOptions({
    queryKey: ['enterprise-periods', { teacher }],
    queryFn: ({ signal }) => getEnterprisePeriods(teacher, signal),
  });

export function useEnterprisePeriods(teacher: number) {
  return useQuery({ ...enterprisePeriodsQueryOptions(teacher), enabled: Number.isFinite(teacher) });
}
