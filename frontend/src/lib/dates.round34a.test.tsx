import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { AppointmentsCard } from '@/features/mentors/components/appointments-card';
import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { paginate } from '@/testing/mocks/handlers';
import { server } from '@/testing/mocks/server';
import { renderApp, renderWithProviders } from '@/testing/test-utils';

import { isAfterTodayInChina, todayInChina } from './dates';
import { daysUntil } from './format';

// Round 34: "today" is the server's (Asia/Shanghai), not the browser's clock. At 17:30 UTC
// on 6 December it is already 01:30 on 7 December in China: a browser in London (or a test
// machine on UTC) read the 6th, so a picker's default was a day behind and its limit kept
// the server's today out of reach.
const AT = '2026-12-06T17:30:00Z';
const CHINA_TODAY = '2026-12-07';

let state: Fe2State;

beforeEach(() => {
  // Only the clock: antd and the mock server keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date(AT));
  state = makeFe2State();
  server.use(...fe2Handlers(state));
});

afterEach(() => {
  vi.useRealTimers();
});

/** The picker's calendar cell for a day, and whether it may be chosen. */
async function cell(day: string) {
  const found = await waitFor(() => {
    const cells = document.querySelectorAll(`td.ant-picker-cell[title="${day}"]`);
    expect(cells.length, document.querySelector('.ant-picker-dropdown')?.innerHTML.slice(0, 1500) ?? 'no dropdown').toBeGreaterThan(0);
    return cells[cells.length - 1] as HTMLElement;
  });
  return { enabled: !found.classList.contains('ant-picker-cell-disabled') };
}

describe('today in China (round 34)', () => {
  it('is the China date whatever the browser clock says', () => {
    expect(dayjs().format('YYYY-MM-DD')).toBe('2026-12-06'); // the browser's (UTC) day
    expect(todayInChina().format('YYYY-MM-DD')).toBe(CHINA_TODAY);
    expect(isAfterTodayInChina(dayjs(CHINA_TODAY))).toBe(false);
    expect(isAfterTodayInChina(dayjs('2026-12-08'))).toBe(true);
    expect(isAfterTodayInChina(dayjs('2026-12-06'))).toBe(false);
  });

  it('counts days until a date from the China date', () => {
    expect(daysUntil('2026-12-08')).toBe(1);
    expect(daysUntil(CHINA_TODAY)).toBe(0);
  });

  it('defaults the province workbook to the China date and lets it be picked', { timeout: 120_000 }, async () => {
    server.use(http.post('/api/v1/exports/province/', () => HttpResponse.json({ id: 9, status: 'queued' }, { status: 202 })));
    loginAs('province');
    renderApp('/dashboard');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /导出全省统计表/ }));
    const form = await screen.findByTestId('province-workbook-form');
    const picker = within(form).getByLabelText('统计日期');
    expect(picker).toHaveValue(CHINA_TODAY);
    await user.click(picker);
    expect((await cell(CHINA_TODAY)).enabled).toBe(true);
    expect((await cell('2026-12-08')).enabled).toBe(false);
  });

  it('dates a base\'s status change from the China date by default', { timeout: 120_000 }, async () => {
    const bases = state.bases.map((b) => ({ ...b, status_history: [{ status: b.status, effective_on: '2023-12-01', reason: '' }] }));
    server.use(http.get('/api/v1/training-bases/', ({ request }) => HttpResponse.json(paginate(request, bases))));
    loginAs('province');
    renderApp('/training');
    const user = userEvent.setup({ delay: null });
    const row = (await screen.findByText('南昌智能制造培训基地')).closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: '编辑' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByDisplayValue('南昌智能制造培训基地');
    await user.click(within(dialog).getByLabelText('状态'));
    await user.click((await screen.findAllByTitle('暂停')).at(-1) as HTMLElement);
    const field = await within(dialog).findByLabelText('生效日期');
    expect(field).toHaveValue(CHINA_TODAY);
    await user.click(field);
    expect((await cell(CHINA_TODAY)).enabled).toBe(true);
    expect((await cell('2026-12-08')).enabled).toBe(false);
  });

  it('marks an appointment that ended yesterday in China as ended', { timeout: 120_000 }, async () => {
    Object.assign(state.appointments[0], { end_on: '2026-12-06' });
    loginAs('hr_a');
    // The card keeps its search, mode and page in the address: it needs a router.
    renderWithProviders(
      <MemoryRouter>
        <AppointmentsCard showSchool={false} />
      </MemoryRouter>,
    );
    const row = (await screen.findByText('宋立新')).closest('tr') as HTMLElement;
    expect(within(row).getByText('已结束')).toBeInTheDocument();
  });
});
