import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { basesProgress } from '@/testing/mocks/data';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

/** Records each request's query to these endpoints; the bases answer 16 on 2025-12-31. */
function spy() {
  const asked: Record<string, URLSearchParams[]> = { bases: [], falling: [], shares: [] };
  server.use(
    http.get('/api/v1/training-bases/progress/', ({ request }) => {
      const q = new URL(request.url).searchParams;
      asked.bases.push(q);
      const active = q.get('as_of') === '2025-12-31' ? 16 : 15;
      return HttpResponse.json({ ...basesProgress, as_of: q.get('as_of') ?? '2026-11-29', active });
    }),
    http.get('/api/v1/ratios/forecast/schools/', ({ request }) => {
      asked.falling.push(new URL(request.url).searchParams);
      return HttpResponse.json([]);
    }),
    http.get('/api/v1/teaching-hours/shares/', ({ request }) => {
      asked.shares.push(new URL(request.url).searchParams);
      return HttpResponse.json({ term: '2026-2027-1', target: 0.5, schools: [] });
    }),
  );
  return asked;
}

describe('province dashboard cards, round 44', () => {
  it("reads the training bases on the page's date", async () => {
    const asked = spy();
    loginAs('province');
    renderApp('/dashboard?as_of=2025-12-31');
    const card = await screen.findByTestId('bases-card');
    await waitFor(() => expect(card).toHaveTextContent('16 / 20'));
    expect(asked.bases.map((q) => q.get('as_of'))).toContain('2025-12-31');
    expect(asked.bases.every((q) => q.get('as_of') === '2025-12-31')).toBe(true);
    // The bases' target is the province's, whatever city or kind is chosen: the title says so.
    expect(within(card).getByText('全省 · 培养培训基地')).toBeInTheDocument();
  });

  it('reads today\'s bases without a date', async () => {
    const asked = spy();
    loginAs('province');
    renderApp('/dashboard');
    const card = await screen.findByTestId('bases-card');
    await waitFor(() => expect(card).toHaveTextContent('15 / 20'));
    expect(asked.bases.every((q) => !q.has('as_of'))).toBe(true);
  });

  it('passes the school kind to the falling-below and practical-hours cards and says it', async () => {
    const asked = spy();
    loginAs('province');
    renderApp('/dashboard?kind=technical_school');
    expect(await screen.findByText('技工学校 · 6个月内将低于目标的学校')).toBeInTheDocument();
    expect(await screen.findByText('技工学校 · 实践教学课时（第6项）')).toBeInTheDocument();
    expect(asked.falling.length).toBeGreaterThan(0);
    expect(asked.falling.every((q) => q.get('kind') === 'technical_school' && q.get('months') === '6')).toBe(true);
    expect(asked.shares.length).toBeGreaterThan(0);
    expect(asked.shares.every((q) => q.get('kind') === 'technical_school')).toBe(true);
  });

  it('passes no kind when none is chosen, and the cards say the province', async () => {
    const asked = spy();
    loginAs('province');
    renderApp('/dashboard');
    expect(await screen.findByText('全省 · 6个月内将低于目标的学校')).toBeInTheDocument();
    expect(await screen.findByText('全省 · 实践教学课时（第6项）')).toBeInTheDocument();
    expect(asked.falling.every((q) => !q.has('kind'))).toBe(true);
    expect(asked.shares.every((q) => !q.has('kind'))).toBe(true);
  });

  it('says schools meeting the target are those above it, not at it', async () => {
    spy();
    loginAs('province');
    renderApp('/dashboard');
    expect(await screen.findByText(/占比超过目标 60% 的学校 \/ 学校总数/)).toBeInTheDocument();
    expect(screen.queryByText(/达到目标/)).not.toBeInTheDocument();
    await i18n.changeLanguage('en');
    try {
      expect(await screen.findByText(/Schools above the 60% target \/ all schools/)).toBeInTheDocument();
      expect(screen.queryByText(/at or above/)).not.toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
