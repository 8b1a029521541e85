import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Dayjs } from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { renderWithProviders } from '@/testing/test-utils';

import { DateField } from './date-field';

// QA, round 50: in a browser in another zone the pickers' 今天 and today's mark were the
// browser's day. 2026-12-07T16:30Z is 00:30 on 2026-12-08 in China and still the 7th in UTC
// (this machine's zone) and everywhere west of it.
afterEach(() => {
  vi.useRealTimers();
});

describe('date field, round 50: today is China’s', () => {
  it('marks and picks China’s today near China’s midnight', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T16:30:00Z'));
    const picked: string[] = [];
    renderWithProviders(
      <DateField aria-label="统计日期" open onChange={(day: Dayjs | null) => picked.push(day?.format('YYYY-MM-DD') ?? '')} />,
    );
    await waitFor(() => expect(document.querySelector('.ant-picker-cell-today')).not.toBeNull());
    expect(document.querySelector('.ant-picker-cell-today')).toHaveAttribute('title', '2026-12-08');
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByText('今天'));
    expect(picked).toEqual(['2026-12-08']);
  });
});
