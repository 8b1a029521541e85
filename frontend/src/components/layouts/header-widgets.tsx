import type { ComponentType } from 'react';

import { JobsWidget } from '@/features/jobs/components/jobs-widget';
import { NotificationBell } from '@/features/notifications/components/notification-bell';

/**
 * The header slot: components shown left of the user menu, in this order (e.g. a notification
 * bell). Each renders itself for the roles it serves and returns null otherwise. On a phone they
 * stay in the header, so keep them icon-sized.
 */
export const headerWidgets: { key: string; Component: ComponentType }[] = [
  { key: 'jobs', Component: JobsWidget },
  { key: 'notifications', Component: NotificationBell },
];
