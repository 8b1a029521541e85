import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { isBusy, type ImportJob } from '../types/import-job';

export const getImport = (id: number, signal?: AbortSignal) => api<ImportJob>(`/imports/${id}/`, { signal });

/**
 * How long to wait before asking again, by how long the upload has been in its current busy
 * status: a 10,000-row workbook validates and commits in about a second each, so the first
 * seconds are asked often (the answer shows as soon as it is there); a long job is asked
 * less and less (each ask costs the server a request).
 */
export function importPollMs(busyForMs: number): number {
  if (busyForMs < 2_000) return 100;
  if (busyForMs < 20_000) return 250;
  return 1_000;
}

// When each watched upload entered the status it is in (keyed by its query, dropped with it).
const busySince = new WeakMap<object, { status: string; since: number }>();

/** One upload; asked again while its background job works on it (see `importPollMs`). */
export const importQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['imports', 'detail', id],
    queryFn: ({ signal }) => getImport(id, signal),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (!status || !isBusy(status)) return false;
      const now = Date.now();
      let phase = busySince.get(query);
      if (phase?.status !== status) {
        phase = { status, since: now };
        busySince.set(query, phase);
      }
      return importPollMs(now - phase.since);
    },
  });

export function useImport(id: number | null) {
  return useQuery({ ...importQueryOptions(id ?? 0), enabled: id !== null });
}
