import dayjs, { type Dayjs } from 'dayjs';

/** antd DatePicker values <-> the API's 'YYYY-MM-DD' strings. */
export function toDayjs(value: string | null | undefined): Dayjs | null {
  return value ? dayjs(value) : null;
}

export function fromDayjs(value: Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

/** Convert the named date fields of a record in one direction or the other. */
export function datesToDayjs<T extends object>(record: T, keys: string[]): Record<string, unknown> {
  const out = { ...record } as Record<string, unknown>;
  for (const key of keys) out[key] = toDayjs(out[key] as string | null);
  return out;
}

export function datesFromDayjs(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out = { ...values };
  for (const key of keys) if (key in out) out[key] = fromDayjs(out[key] as Dayjs | null);
  return out;
}
