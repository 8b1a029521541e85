import dayjs from 'dayjs';

import { todayInChina } from './dates';

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '—';
}

/** Days from today to `value` (negative when past). */
export function daysUntil(value: string | null | undefined, today = todayInChina()): number | null {
  if (!value) return null;
  return dayjs(value).startOf('day').diff(today.startOf('day'), 'day');
}

export const EXPIRY_WARNING_DAYS = 90;
