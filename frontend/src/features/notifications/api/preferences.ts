import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { NotificationPreferences, PreferencesChange } from '../types/notification';

const key = ['notifications', 'preferences'] as const;

export const preferencesQueryOptions = () =>
  queryOptions({
    queryKey: key,
    queryFn: ({ signal }) => api<NotificationPreferences>('/notifications/preferences/', { signal }),
  });

export function usePreferences() {
  return useQuery(preferencesQueryOptions());
}

/** Change the digest's settings: on or off, its language (either or both). */
export function useSetPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: PreferencesChange) =>
      api<NotificationPreferences>('/notifications/preferences/', { method: 'PATCH', body: change }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
}
