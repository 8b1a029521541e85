import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { MentorMatch } from '../types/mentor';

/** Exact ID-number lookup of a registered mentor: POSTed, never in a URL. */
export const lookupMentor = (idNumber: string) =>
  api<MentorMatch>('/mentors/lookup/', { method: 'POST', body: { id_number: idNumber } });

export function useLookupMentor() {
  return useMutation({ mutationFn: lookupMentor });
}
