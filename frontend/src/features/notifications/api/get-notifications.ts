import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { Notification } from '../types/notification';

export type NotificationParams = { unread?: boolean; page?: number; page_size?: number };

export const notificationsQueryOptions = (params: NotificationParams) =>
  queryOptions({
    queryKey: ['notifications', 'list', params],
    queryFn: ({ signal }) => api<Paginated<Notification>>('/notifications/', { params, signal }),
  });

export function useNotifications(params: NotificationParams) {
  return useQuery(notificationsQueryOptions(params));
}
