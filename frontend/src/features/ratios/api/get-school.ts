import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { School } from '@/lib/reference-data';

export const schoolQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['schools', 'detail', id],
    queryFn: ({ signal }) => api<School>(`/schools/${id}/`, { signal }),
  });

export function useSchool(id: number) {
  return useQuery({ ...schoolQueryOptions(id), enabled: Number.isFinite(id) });
}
