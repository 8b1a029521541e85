import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { Certificate } from '../types/teacher';

export const getCertificates = (teacher: number, signal?: AbortSignal) =>
  api<Paginated<Certificate>>('/certificates/', { params: { teacher, page_size: 200 }, signal });

export const certificatesQueryOptions = (teacher: number) =>
  queryOptions({
    queryKey: ['certificates', { teacher }],
    queryFn: ({ signal }) => getCertificates(teacher, signal),
  });

export function useCertificates(teacher: number) {
  return useQuery({ ...certificatesQueryOptions(teacher), enabled: Number.isFinite(teacher) });
}
