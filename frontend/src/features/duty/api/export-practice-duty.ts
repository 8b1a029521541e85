import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { components } from '@/types/api';

type Job = components['schemas']['Job'];

export type DutyExportParams = { school?: number; city?: number; short?: boolean };

/** The duty list under these filters, made by a background job in the app's language
 * (the request's Accept-Language): the file is in "my jobs". */
export const exportPracticeDuty = (params: DutyExportParams) =>
  api<Job>('/practice-duty/export/', { method: 'POST', params });

export function useExportPracticeDuty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: exportPracticeDuty,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
