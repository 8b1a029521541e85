import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

import type { Certificate } from '../types/teacher';

export type CertificateInput = Partial<Omit<Certificate, 'id'>> & { id?: number; teacher: number };

/** POST a new row, or PATCH an existing one when `id` is given. */
export const saveCertificate = ({ id, ...data }: CertificateInput) =>
  id
    ? api<Certificate>(`/certificates/${id}/`, { method: 'PATCH', body: data })
    : api<Certificate>('/certificates/', { method: 'POST', body: data });

export function useSaveCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveCertificate,
    onSuccess: (row) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['certificates'] }),
        // The verdict depends on these rows.
        queryClient.invalidateQueries({ queryKey: ['teachers', 'detail', row.teacher] }),
        invalidateRatios(queryClient),
      ]),
  });
}
