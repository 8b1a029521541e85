import dayjs from 'dayjs';

import { formatDateTimeInChina, todayInChina } from './dates';

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** A date as 'YYYY-MM-DD'; a moment (an ISO string with a time) as its day in China. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  return value.includes('T') ? formatDateTimeInChina(value).slice(0, 10) : dayjs(value).format('YYYY-MM-DD');
}

/** The last day a result holds: its `valid_until` is the first day it no longer does
 * (DESIGN §4), so "held until" shows the day before it. */
export function formatLastDayHeld(validUntil: string | null | undefined): string {
  if (!validUntil) return '—';
  return dayjs(validUntil).subtract(1, 'day').format('YYYY-MM-DD');
}

/** Days from today to `value` (negative when past). */
export function daysUntil(value: string | null | undefined, today = todayInChina()): number | null {
  if (!value) return null;
  return dayjs(value).startOf('day').diff(today.startOf('day'), 'day');
}

export const EXPIRY_WARNING_DAYS = 90;
