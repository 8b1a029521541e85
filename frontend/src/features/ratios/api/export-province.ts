import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { components, operations } from '@/types/api';

type Job = Pick<components['schemas']['Job'], 'id' | 'status'>;
/** The workbooks' date: the ratios API's `as_of` (YYYY-MM-DD; none: the server's today). */
type AsOf = NonNullable<operations['exports_province_create']['parameters']['query']>['as_of'];

/** The province workbook as on a date, made by a background job (the file is in "my jobs"). */
export const exportProvince = (asOf?: AsOf) =>
  api<Job>('/exports/province/', { method: 'POST', params: { as_of: asOf } });

export function useExportProvince() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: exportProvince,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
}

/** One school's workbook (its teachers then and what each lacks) as on a date, as a job. */
export const exportSchool = ({ school, asOf }: { school: number; asOf?: AsOf }) =>
  api<Job>('/exports/school/', { method: 'POST', params: { school, as_of: asOf } });

export function useExportSchool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: exportSchool,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
