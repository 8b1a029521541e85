import type { FormInstance } from 'antd';

import { ApiError } from '@/lib/api-client';
import { applyServerErrors, clearServerErrors } from '@/lib/form-errors';

/**
 * A 409 from a versioned update: someone saved the record after we read it. The answer
 * carries the record as it is now (`current`), so the form can show it and be saved again.
 */
export function conflictCurrent<T>(error: unknown): T | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  return (error.body.current ?? null) as T | null;
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/**
 * The messages to show after a failed save. On a 409, `onCurrent` gets the record as it is
 * now (to put back in the form with its new version) and the conflict message is shown, in
 * place of what an earlier answer said on the fields; otherwise server errors go on their
 * fields (see form-errors.ts).
 */
export function saveErrors<T>(
  form: FormInstance,
  error: unknown,
  conflictMessage: string,
  onCurrent: (current: T) => void,
): string[] {
  const current = conflictCurrent<T>(error);
  if (current) {
    clearServerErrors(form);
    onCurrent(current);
    return [conflictMessage];
  }
  return applyServerErrors(form, error);
}
