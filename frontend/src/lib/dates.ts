import dayjs, { type Dayjs } from 'dayjs';

/** The server's time zone (settings TIME_ZONE): its "today" is the day in China. */
const SERVER_TIME_ZONE = 'Asia/Shanghai';

const chinaDay = new Intl.DateTimeFormat('en-US', {
  timeZone: SERVER_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in China as 'YYYY-MM-DD', whatever this browser's clock and zone: the server's
 * today, which it uses for defaults and refuses later dates against. */
export function todayInChinaText(now: Date = new Date()): string {
  const part = (type: string) => chinaDay.formatToParts(now).find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today in China, as a date picker's day (midnight in the browser's zone). */
export function todayInChina(): Dayjs {
  return dayjs(todayInChinaText());
}

/** Whether a picked day is after the server's today (a "not in the future" limit). */
export function isAfterTodayInChina(day: Dayjs): boolean {
  return day.isAfter(todayInChina(), 'day');
}

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
