import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { ImportJob } from '../types/import-job';

export const commitImport = (id: number) =>
  api<ImportJob>(`/imports/${id}/commit/`, { method: 'POST' });

export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: commitImport,
    // Imported rows change teachers, ratios and the rest.
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' }),
  });
}
