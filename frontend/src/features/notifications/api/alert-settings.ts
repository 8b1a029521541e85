import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export type AlertSettings = {
  certificate_expiring_days: number;
  practice_lapsing_days: number;
  level_dropping_days: number;
  school_falling_below_days: number;
  recognition_expiring_days: number;
  version: number;
  updated_at: string | null;
};

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
