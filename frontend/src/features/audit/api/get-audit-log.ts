import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { AuditEntry, AuditParams } from '../types/audit';

export const getAuditLog = (params: AuditParams, signal?: AbortSignal) =>
  api<Paginated<AuditEntry>>('/audit-log/', { params, signal });

export const auditLogQueryOptions = (params: AuditParams) =>
  queryOptions({
    queryKey: ['audit-log', 'list', params],
    queryFn: ({ signal }) => getAuditLog(params, signal),
    placeholderData: keepPreviousData,
  });

/** The province's audit log, newest first. */
export function useAuditLog(params: AuditParams) {
  return useQuery(auditLogQueryOptions(params));
}
