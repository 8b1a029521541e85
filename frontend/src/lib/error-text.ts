import { ApiError } from '@/lib/api-client';

/** One line for a toast: the detail, or every message of a DRF error body. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return String((error as Error)?.message ?? error);
  const messages = Object.values(error.fieldErrors()).flat();
  if (typeof error.body.detail === 'string') messages.unshift(error.body.detail);
  return messages.join(' ') || error.message;
}
