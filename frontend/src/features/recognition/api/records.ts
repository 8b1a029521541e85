import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { EvidenceFile, MyRecord, PendingRecord, Recognition } from '../types';
import type { Paginated } from '@/lib/api-client';

export function useMyRecord() {
  return useQuery({
    queryKey: ['recognition', 'my-record'],
    queryFn: ({ signal }) => api<MyRecord>('/my-record/', { signal }),
  });
}

export function usePendingRecords() {
  return useQuery({
    queryKey: ['recognition', 'record-confirmations'],
    queryFn: ({ signal }) => api<PendingRecord[]>('/record-confirmations/', { signal }),
  });
}

export function useRecognitions(params: { teacher?: number; school?: number; page_size?: number }) {
  return useQuery({
    queryKey: ['recognition', 'recognitions', params],
    queryFn: ({ signal }) => api<Paginated<Recognition>>('/recognitions/', { params, signal }),
  });
}

export function useRecognition(id: number) {
  return useQuery({
    queryKey: ['recognition', 'recognitions', id],
    queryFn: ({ signal }) => api<Recognition>(`/recognitions/${id}/`, { signal }),
  });
}

type RecordType = PendingRecord['type'];
const ENDPOINT: Record<RecordType, string> = {
  certificate: '/certificates/',
  enterprise_period: '/enterprise-periods/',
};

/** HR confirms or rejects what a teacher proposed; the teacher's verdict may change. */
export function useDecideRecord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ type, id, reason }: { type: RecordType; id: number; reason?: string }) =>
      api(`${ENDPOINT[type]}${id}/${reason === undefined ? 'confirm' : 'reject'}/`, {
        method: 'POST',
        body: reason === undefined ? {} : { reason },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['recognition'] });
      void queryClient.invalidateQueries({ queryKey: ['teachers'] });
      void queryClient.invalidateQueries({ queryKey: ['ratios'] });
    },
  });
}

export type ProposalInput = {
  type: RecordType;
  body: Record<string, unknown>;
  file: File;
  teacher: number;
  /** The record an earlier try created when its file was refused: only the file is sent. */
  record?: number;
};

/** The record was created but its evidence file was refused (`error` says why). */
export class EvidenceRefused extends Error {
  constructor(
    readonly record: number,
    readonly error: unknown,
  ) {
    super('evidence refused');
  }
}

/** A teacher proposes a certificate or period (pending), then attaches the evidence file. */
export function usePropose() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ type, body, file, teacher, record }: ProposalInput) => {
      const id =
        record ?? (await api<{ id: number }>(ENDPOINT[type], { method: 'POST', body: { ...body, teacher } })).id;
      const form = new FormData();
      form.append('teacher', String(teacher));
      form.append('kind', type === 'certificate' ? 'certificate' : 'enterprise');
      form.append(type === 'certificate' ? 'certificate' : 'enterprise_period', String(id));
      form.append('file', file);
      try {
        return await api<EvidenceFile>('/evidence-files/', { method: 'POST', body: form });
      } catch (error) {
        // A second try must not propose the record again (one more pending row each time).
        throw new EvidenceRefused(id, error);
      }
    },
    // Also after a refused file: the record itself was sent.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['recognition'] }),
  });
}

export type EvidenceUploadInput = {
  teacher: number;
  kind: EvidenceFile['kind'];
  file: File;
  description?: string;
  /** The teacher's own certificate or period the file backs (optional). */
  certificate?: number;
  enterprise_period?: number;
};

/** A teacher (or HR) uploads one evidence file; the record's lists refresh after. */
export function useUploadEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ teacher, kind, file, description, certificate, enterprise_period }: EvidenceUploadInput) => {
      const form = new FormData();
      form.append('teacher', String(teacher));
      form.append('kind', kind);
      if (description) form.append('description', description);
      if (certificate !== undefined) form.append('certificate', String(certificate));
      if (enterprise_period !== undefined) form.append('enterprise_period', String(enterprise_period));
      form.append('file', file);
      return api<EvidenceFile>('/evidence-files/', { method: 'POST', body: form });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['recognition'] }),
  });
}

export const evidenceDownloadUrl = (id: number) => `/api/v1/evidence-files/${id}/download/`;
