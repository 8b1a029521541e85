import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { TrainingBase } from '../types/training';

/** One base with its dated status history (base staff read their own). */
export const baseQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['training-bases', 'one', id],
    queryFn: ({ signal }) => api<TrainingBase>(`/training-bases/${id}/`, { signal }),
  });

export function useBase(id: number | null | undefined) {
  return useQuery({ ...baseQueryOptions(id ?? 0), enabled: !!id });
}
