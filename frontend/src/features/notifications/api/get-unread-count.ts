import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export const unreadCountQueryOptions = () =>
  queryOptions({
    queryKey: ['notifications', 'unread-count'],
    queryFn: ({ signal }) => api<{ unread: number }>('/notifications/unread-count/', { signal }),
    // The bell stays roughly current without a push channel.
    refetchInterval: 60_000,
  });

export function useUnreadCount(enabled = true) {
  return useQuery({ ...unreadCountQueryOptions(), enabled });
}
