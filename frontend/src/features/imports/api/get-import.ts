import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { isBusy, type ImportJob } from '../types/import-job';

export const getImport = (id: number, signal?: AbortSignal) => api<ImportJob>(`/imports/${id}/`, { signal });

/** One upload; asked again every `pollMs` while its background job works on it. */
export const importQueryOptions = (id: number, pollMs = 700) =>
  queryOptions({
    queryKey: ['imports', 'detail', id],
    queryFn: ({ signal }) => getImport(id, signal),
    refetchInterval: (query) => (query.state.data && isBusy(query.state.data.status) ? pollMs : false),
  });

export function useImport(id: number | null) {
  return useQuery({ ...importQueryOptions(id ?? 0), enabled: id !== null });
}
