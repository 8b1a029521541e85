import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State } from '@/testing/mocks/fe2-handlers';
import { paginate } from '@/testing/mocks/handlers';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

import { currentChange } from './bases-status-history';

const history = [
  { status: 'planned' as const, effective_on: '2023-01-10', reason: '' },
  { status: 'active' as const, effective_on: '2023-12-01', reason: '' },
  { status: 'suspended' as const, effective_on: '2025-06-30', reason: '' },
];

beforeEach(() => {
  const state = makeFe2State();
  const bases = state.bases.map((b, i) => ({
    ...b,
    status: i === 0 ? 'suspended' : b.status,
    status_history: i === 0 ? history : [{ status: 'planned', effective_on: '2026-01-05', reason: '' }],
  }));
  server.use(...fe2Handlers(state));
  // Added last, so it answers first: the bases as the API sends them, with their history.
  server.use(
    http.get('/api/v1/training-bases/', ({ request }) => HttpResponse.json(paginate(request, bases))),
  );
});

async function openHistory(baseName: string) {
  const user = userEvent.setup({ delay: null });
  const name = await screen.findByText(baseName);
  const row = name.closest('tr') as HTMLElement;
  await user.click(within(row).getByRole('button', { name: /展开|expand/i }));
  return screen.findByTestId('base-history-1');
}

describe('a training base\'s status history (round 32)', () => {
  it('lists each dated status, oldest first, and marks the one in force', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/training');
    const panel = await openHistory('南昌智能制造培训基地');
    expect(within(panel).getByText('状态变更记录')).toBeInTheDocument();
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['2023-01-10', '2023-12-01', '2025-06-30']);
    expect(within(rows[0]).getByText('筹建')).toBeInTheDocument();
    expect(within(rows[2]).getByText('当前')).toBeInTheDocument();
    expect(within(rows[1]).queryByText('当前')).not.toBeInTheDocument();
  });

  it('shows it on a phone, in English', { timeout: 120_000 }, async () => {
    phoneScreen();
    await i18n.changeLanguage('en');
    try {
      loginAs('province');
      renderApp('/training');
      const panel = await openHistory('南昌智能制造培训基地');
      expect(within(panel).getByText('Status history')).toBeInTheDocument();
      expect(within(panel).getByText('From')).toBeInTheDocument();
      expect(within(panel).getByText('current')).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('takes the last change on or before today as the one in force', () => {
    expect(currentChange(history, '2024-01-01')?.status).toBe('active');
    expect(currentChange(history, '2023-12-01')?.status).toBe('active');
    expect(currentChange(history, '2022-01-01')).toBeUndefined();
  });
});
