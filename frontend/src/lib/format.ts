import dayjs from 'dayjs';

import { formatDateTimeInChina, todayInChina } from './dates';

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** The most decimals a share is shown with: the API carries shares to 6 places (4 of a percent). */
const MAX_PERCENT_DIGITS = 4;

/**
 * A share shown beside its verdict (`met`) against `target`: as formatPercent, unless rounding
 * would put the figure across the target against the verdict (0.4997 not meeting ≥ 50% is not
 * "50.0%", 0.60004 meeting > 60% is not "60.0%"). Then it takes the fewest extra decimals that
 * keep it on its side ("49.97%", "60.004%"); past the API's precision it is cut toward the
 * verdict's side. A share equal to the target shows the target's figure ("60.0%", not met by a
 * strict target). Without a verdict (`met` null or undefined), or a verdict the share itself
 * contradicts, it is formatPercent's.
 */
export function formatPercentAgainst(
  value: number | null | undefined,
  target: number | null | undefined,
  met: boolean | null | undefined,
  digits = 1,
): string {
  const plain = formatPercent(value, digits);
  if (value === null || value === undefined || Number.isNaN(value)) return plain;
  if (target === null || target === undefined || Number.isNaN(target) || met === null || met === undefined) return plain;
  // The side the figure must be on: below (not met), above (met) or at the target itself.
  const side = Math.sign(value - target);
  if ((met && side < 0) || (!met && side > 0)) return plain;
  const honest = (shown: string) => Math.sign(Number(shown) - Number((target * 100).toFixed(MAX_PERCENT_DIGITS + 2))) === side;
  const last = Math.max(digits, MAX_PERCENT_DIGITS);
  for (let d = digits; d <= last; d++) {
    const shown = (value * 100).toFixed(d);
    if (honest(shown)) return `${shown}%`;
  }
  // Nearer the target than the API's precision (a share computed here): cut toward its side.
  const scale = 10 ** last;
  const cut = (side < 0 ? Math.floor : Math.ceil)(value * 100 * scale) / scale;
  return `${cut.toFixed(last)}%`;
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
