import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { TeacherMatch } from '../types/training';

/** Exact ID-number lookup: POSTed, so the number never appears in a URL or a log line. */
export const lookupTeacher = (idNumber: string) =>
  api<TeacherMatch>('/training-completions/lookup-teacher/', {
    method: 'POST',
    body: { id_number: idNumber },
  });

export function useLookupTeacher() {
  return useMutation({ mutationFn: lookupTeacher });
}
