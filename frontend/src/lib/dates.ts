import dayjs, { type Dayjs } from 'dayjs';

/** The server's time zone (settings TIME_ZONE): its "today" is the day in China. */
const SERVER_TIME_ZONE = 'Asia/Shanghai';

const chinaTime = new Intl.DateTimeFormat('en-US', {
  timeZone: SERVER_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A moment's wall clock in China, by part (year, month, day, hour, minute, second). */
function chinaParts(moment: Date): Record<string, string> {
  return Object.fromEntries(chinaTime.formatToParts(moment).map((p) => [p.type, p.value]));
}

/** Today in China as 'YYYY-MM-DD', whatever this browser's clock and zone: the server's
 * today, which it uses for defaults and refuses later dates against. */
export function todayInChinaText(now: Date = new Date()): string {
  const parts = chinaParts(now);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A zone on the end of an ISO string: 'Z', '+08:00', '-0500'. */
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** A moment the API sent ('2026-12-06T17:30:00Z', '…+08:00', '…-05:00') as China's wall clock,
 * 'YYYY-MM-DD HH:mm' (with ':ss' when asked), whatever this browser's zone: the province reads
 * its sign-ins, logs and jobs in its own time. A string with no zone is already the server's
 * (China's) time; none at all is '—'. */
export function formatDateTimeInChina(value: string | null | undefined, withSeconds = false): string {
  if (!value) return '—';
  const iso = value.includes('T') ? value : `${value}T00:00:00`;
  const moment = new Date(HAS_ZONE.test(iso) ? iso : `${iso}+08:00`);
  if (Number.isNaN(moment.getTime())) return value;
  const parts = chinaParts(moment);
  const time = `${parts.hour}:${parts.minute}${withSeconds ? `:${parts.second}` : ''}`;
  return `${parts.year}-${parts.month}-${parts.day} ${time}`;
}

/** China's wall clock now, as a date picker's moment in the browser's zone: the pickers' "now"
 * (their 今天 button and today's mark), whatever this browser's zone. */
export function nowInChina(): Dayjs {
  const p = chinaParts(new Date());
  return dayjs(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`);
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
