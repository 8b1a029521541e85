import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { ProfilePreview, RuleValues } from '../types/settings';

export type PreviewInput = { values: RuleValues; target?: number };

/** Evaluates everyone under the changes without storing anything (a POST: it computes). */
export const previewProfile = (input: PreviewInput) =>
  api<ProfilePreview>('/rule-profiles/preview/', { method: 'POST', body: input });

export function usePreviewProfile() {
  return useMutation({ mutationFn: previewProfile });
}
