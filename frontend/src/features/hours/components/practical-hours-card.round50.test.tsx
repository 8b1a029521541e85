import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 50: on a past-dated dashboard the practical-hours card read the latest term whatever
// the date; it now asks for the term in effect on the dashboard's date.
function answerWithTermOf(asked: (string | null)[]) {
  server.use(
    http.get('/api/v1/teaching-hours/shares/', ({ request }) => {
      const asOf = new URL(request.url).searchParams.get('as_of');
      asked.push(asOf);
      const term = asOf === '2026-05-20' ? '2025-2026-2' : '2026-2027-1';
      return HttpResponse.json({
        term,
        target: 0.5,
        schools: [
          { school: { id: 1, code: 'S00001', name: '南昌职业学院' }, term, total_hours: 1000, practical_hours: 550, practical_share: 0.55, meets_target: true },
        ],
      });
    }),
  );
}

describe('practical hours card on the dashboard, round 50', () => {
  it("reads the term in effect on the dashboard's date", async () => {
    const asked: (string | null)[] = [];
    answerWithTermOf(asked);
    loginAs('province');
    renderApp('/dashboard?as_of=2026-05-20');
    const card = await screen.findByTestId('practical-hours-card');
    expect(await within(card).findByText(/2025-2026-2/)).toBeInTheDocument();
    expect(asked).toContain('2026-05-20');
    expect(asked).not.toContain(null);
  });

  it('reads the latest term without a date', async () => {
    const asked: (string | null)[] = [];
    answerWithTermOf(asked);
    loginAs('province');
    renderApp('/dashboard');
    const card = await screen.findByTestId('practical-hours-card');
    expect(await within(card).findByText(/2026-2027-1/)).toBeInTheDocument();
    expect(asked.length).toBeGreaterThan(0);
    expect(asked).toEqual(asked.map(() => null));
  });
});
