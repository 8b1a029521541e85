import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { NotificationPreferences } from '../types/notification';

const key = ['notifications', 'preferences'] as const;

export const preferencesQueryOptions = () =>
  queryOptions({
    queryKey: key,
    queryFn: ({ signal }) => api<NotificationPreferences>('/notifications/preferences/', { signal }),
  });

export function usePreferences() {
  return useQuery(preferencesQueryOptions());
}

export function useSetEmailEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email_enabled: boolean) =>
      api<NotificationPreferences>('/notifications/preferences/', {
        method: 'PATCH',
        body: { email_enabled },
      }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
}
