import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { components } from '@/types/api';

/** Lead times in days, per alert kind (generated from /api/schema/). */
export type AlertSettings = Required<components['schemas']['AlertSettings']>;

const key = ['alert-settings'] as const;

export const alertSettingsQueryOptions = () =>
  queryOptions({ queryKey: key, queryFn: ({ signal }) => api<AlertSettings>('/alert-settings/', { signal }) });

export function useAlertSettings() {
  return useQuery(alertSettingsQueryOptions());
}

export function useSaveAlertSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<AlertSettings>) => api<AlertSettings>('/alert-settings/', { method: 'PATCH', body }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
}
