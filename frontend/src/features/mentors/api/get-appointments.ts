import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { Appointment, ListParams } from '../types/mentor';

export type AppointmentParams = ListParams & { school?: number; mode?: string; mentor?: number; active_on?: string };

export const getAppointments = (params: AppointmentParams, signal?: AbortSignal) =>
  api<Paginated<Appointment>>('/mentor-appointments/', { params, signal });

export const appointmentsQueryOptions = (params: AppointmentParams) =>
  queryOptions({
    queryKey: ['mentor-appointments', 'list', params],
    queryFn: ({ signal }) => getAppointments(params, signal),
    placeholderData: keepPreviousData,
  });

export function useAppointments(params: AppointmentParams) {
  return useQuery(appointmentsQueryOptions(params));
}
