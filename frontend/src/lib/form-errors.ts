import type { FormInstance } from 'antd';

import { ApiError } from '@/lib/api-client';

// The fields each form shows a server's word on (applyServerErrors), until the field is
// changed or the next answer comes.
const serverErrorFields = new WeakMap<object, Set<string>>();

/** Put `errors` on the fields called `names` (top-level names, as DRF gives them). */
function setErrors(form: FormInstance, names: string[], errors: (name: string) => string[]): void {
  if (names.length) form.setFields(names.map((name) => ({ name, errors: errors(name) })));
}

/**
 * Put DRF's `{field: [messages]}` on the form's fields; return what belongs to no field
 * (non_field_errors, detail, fields the form does not show) for an alert.
 *
 * The answer replaces what an earlier one said on the fields: a field it does not name is
 * cleared (a save refused for a 40-character 工号, then for other fields, kept "不能超过 32
 * 个字符" under the 工号 already shortened). A failure that is no answer (the network) leaves
 * them as they are.
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
  const named = new Set<string>();
  for (const [name, messages] of Object.entries(fieldErrors)) {
    if (shown.has(name)) named.add(name);
    else rest.push(...(name === 'non_field_errors' ? messages : messages.map((m) => `${name}: ${m}`)));
  }
  const earlier = [...(serverErrorFields.get(form) ?? [])].filter((name) => shown.has(name) && !named.has(name));
  setErrors(form, [...earlier, ...named], (name) => fieldErrors[name] ?? []);
  serverErrorFields.set(form, named);
  if (error.body.detail && typeof error.body.detail === 'string') rest.push(error.body.detail);
  if (!named.size && !rest.length) rest.push(error.message);
  return rest;
}

/** Take every server's word off the form's fields: a 409 loads the record as it is now,
 * and what was said about the values sent before no longer holds. */
export function clearServerErrors<T>(form: FormInstance<T>): void {
  const earlier = [...(serverErrorFields.get(form) ?? [])];
  serverErrorFields.delete(form);
  setErrors(form, earlier, () => []);
}

/**
 * The form's `onValuesChange`: a field's error set by hand (the server's, a lookup's) goes
 * once the field is changed. antd checks a field with rules again on change, which replaces
 * its errors, but keeps them on a field without rules (工号, 专业, 证书编号…) until the next
 * answer, however the field was corrected.
 */
export function clearEditedErrors<T>(form: FormInstance<T>, changed: object): void {
  const names = Object.keys(changed);
  const tracked = serverErrorFields.get(form);
  names.forEach((name) => tracked?.delete(name));
  setErrors(
    form,
    names.filter((name) => form.getFieldError(name as never).length > 0),
    () => [],
  );
}

/**
 * Show `errors` on one field now and keep them: a check of the field's own rules still
 * running (started by the keystroke just before) is dropped, or, finishing after this, it
 * would clear them (a lookup's "malformed ID number" vanished when the click came quickly).
 */
export function setFieldErrors(form: FormInstance, name: string, errors: string[]): void {
  form.setFields([{ name, errors, validating: false }]);
}
