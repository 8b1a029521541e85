import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { busyPoller } from '@/lib/polling';

import { isBusy, type ImportJob } from '../types/import-job';

export const getImport = (id: number, signal?: AbortSignal) => api<ImportJob>(`/imports/${id}/`, { signal });

// Made once: it remembers, by query, since when the upload has been in its status.
const pollUpload = busyPoller<ImportJob>((upload) => (upload && isBusy(upload.status) ? upload.status : null));

/** One upload; asked again while its background job works on it (lib/polling). */
export const importQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['imports', 'detail', id],
    queryFn: ({ signal }) => getImport(id, signal),
    refetchInterval: pollUpload,
  });

export function useImport(id: number | null) {
  return useQuery({ ...importQueryOptions(id ?? 0), enabled: id !== null });
}
