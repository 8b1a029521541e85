import { describe, expect, it } from 'vitest';

import { formatDateTimeInChina } from './dates';
import { formatDate } from './format';

// Round 35: every time the app shows is China's wall clock (Asia/Shanghai, UTC+8), whatever the
// browser's zone. At 17:30 UTC on 6 December it is 01:30 on 7 December in China; CI runs in UTC
// (and `TZ=America/New_York npx vitest run …` passes too).
describe('formatDateTimeInChina (round 35)', () => {
  it.each([
    ['2026-12-06T17:30:00Z', '2026-12-07 01:30'],
    ['2026-12-06T14:05:00+08:00', '2026-12-06 14:05'],
    ['2026-12-06T14:05:59.123456+08:00', '2026-12-06 14:05'],
    ['2026-12-06T12:30:00-05:00', '2026-12-07 01:30'],
    ['2026-12-06T12:30:00-0500', '2026-12-07 01:30'],
    ['2026-12-06T15:59:00Z', '2026-12-06 23:59'],
    ['2026-12-06T16:00:00Z', '2026-12-07 00:00'],
    ['2026-12-31T16:00:00Z', '2027-01-01 00:00'],
  ])('reads %s as %s in China', (value, china) => {
    expect(formatDateTimeInChina(value)).toBe(china);
  });

  it('adds the seconds when asked', () => {
    expect(formatDateTimeInChina('2026-12-06T17:30:09Z', true)).toBe('2026-12-07 01:30:09');
    expect(formatDateTimeInChina('2026-12-06T14:05:00+08:00', true)).toBe('2026-12-06 14:05:00');
  });

  it('takes a time with no zone as the server’s (China’s) own', () => {
    expect(formatDateTimeInChina('2026-12-06T14:05:00')).toBe('2026-12-06 14:05');
  });

  it('shows a dash for no time, and an unreadable one as it came', () => {
    expect(formatDateTimeInChina(null)).toBe('—');
    expect(formatDateTimeInChina(undefined)).toBe('—');
    expect(formatDateTimeInChina('')).toBe('—');
    expect(formatDateTimeInChina('not a time')).toBe('not a time');
  });
});

describe('formatDate of a moment (round 35)', () => {
  it('gives the moment’s day in China, and leaves a plain date alone', () => {
    expect(formatDate('2026-12-06T17:30:00Z')).toBe('2026-12-07');
    expect(formatDate('2026-11-20T09:30:00+08:00')).toBe('2026-11-20');
    expect(formatDate('2026-12-06')).toBe('2026-12-06');
    expect(formatDate(null)).toBe('—');
  });
});
