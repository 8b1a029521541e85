import type { FormInstance } from 'antd';

import { ApiError } from '@/lib/api-client';

/**
 * Put DRF's `{field: [messages]}` on the form's fields; return what belongs to no field
 * (non_field_errors, detail, fields the form does not show) for an alert.
 */
export function applyServerErrors<T>(form: FormInstance<T>, error: unknown): string[] {
  if (!(error instanceof ApiError)) return [String((error as Error)?.message ?? error)];
  const fieldErrors = error.fieldErrors();
  const shown = new Set(
    form
      .getFieldsError()
      .map((f) => String(f.name[0])),
  );
  const rest: string[] = [];
  const fields = [];
  for (const [name, messages] of Object.entries(fieldErrors)) {
    if (shown.has(name)) fields.push({ name, errors: messages });
    else rest.push(...(name === 'non_field_errors' ? messages : messages.map((m) => `${name}: ${m}`)));
  }
  form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
  if (error.body.detail && typeof error.body.detail === 'string') rest.push(error.body.detail);
  if (!fields.length && !rest.length) rest.push(error.message);
  return rest;
}

/**
 * Show `errors` on one field now and keep them: a check of the field's own rules still
 * running (started by the keystroke just before) is dropped, or, finishing after this, it
 * would clear them (a lookup's "malformed ID number" vanished when the click came quickly).
 */
export function setFieldErrors(form: FormInstance, name: string, errors: string[]): void {
  form.setFields([{ name, errors, validating: false }]);
}
