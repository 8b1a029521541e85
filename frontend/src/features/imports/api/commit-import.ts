import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { ImportJob } from '../types/import-job';

export const commitImport = (id: number) =>
  api<ImportJob>(`/imports/${id}/commit/`, { method: 'POST' });

export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: commitImport,
    // The commit is a background job now: the wizard refreshes the rest when it has ended.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
