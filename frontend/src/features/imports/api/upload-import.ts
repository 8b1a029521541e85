import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { uploadWithProgress } from '@/lib/upload';

import type { ImportJob } from '../types/import-job';

export type UploadInput = { kind: string; file: File; onProgress?: (percent: number) => void };

/** Dry run: the server validates every row and writes nothing. */
export async function uploadImport({ kind, file, onProgress }: UploadInput): Promise<ImportJob> {
  // Make sure the CSRF cookie exists before the XHR reads it.
  await api('/auth/csrf/');
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file);
  return uploadWithProgress<ImportJob>('/imports/', form, onProgress);
}

export function useUploadImport() {
  return useMutation({ mutationFn: uploadImport });
}
