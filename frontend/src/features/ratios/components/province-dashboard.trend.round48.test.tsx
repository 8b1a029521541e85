import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { trend } from '@/testing/mocks/data';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 48: the trend follows the page's date. QA found it always ending in the current month
// while the headline, gauge and below-target list showed the chosen date.
function spy() {
  const asked: { trend: URLSearchParams[]; forecast: URLSearchParams[] } = { trend: [], forecast: [] };
  server.use(
    http.get('/api/v1/ratios/trend/', ({ request }) => {
      asked.trend.push(new URL(request.url).searchParams);
      return HttpResponse.json(trend);
    }),
    http.get('/api/v1/ratios/forecast/', ({ request }) => {
      asked.forecast.push(new URL(request.url).searchParams);
      return HttpResponse.json({ scope: 'province', key: 0, points: [] });
    }),
  );
  return asked;
}

describe('the dashboard trend on a chosen date', () => {
  it('asks for the trend as on the page\'s date, with no forecast after it', async () => {
    const asked = spy();
    loginAs('province');
    renderApp('/dashboard?as_of=2026-03-31');
    await screen.findByLabelText(/全省 · 双师型教师占比/);
    await waitFor(() => expect(asked.trend.length).toBeGreaterThan(0));
    expect(asked.trend.every((q) => q.get('as_of') === '2026-03-31')).toBe(true);
    // A forecast from today drawn after a past date's months would mislead.
    expect(asked.forecast).toHaveLength(0);
  });

  it('carries the date chosen in the picker to the trend request', async () => {
    const asked = spy();
    loginAs('province');
    const { router } = renderApp('/dashboard');
    const user = userEvent.setup({ delay: null });
    await screen.findByLabelText(/全省 · 双师型教师占比/);
    await waitFor(() => expect(asked.trend.length).toBeGreaterThan(0));
    expect(asked.trend.every((q) => !q.has('as_of'))).toBe(true);
    const field = screen.getByPlaceholderText('统计日期');
    await user.click(field);
    await user.type(field, '2026-03-31{Enter}');
    await waitFor(() => expect(router.state.location.search).toContain('as_of=2026-03-31'));
    await waitFor(() => expect(asked.trend.some((q) => q.get('as_of') === '2026-03-31')).toBe(true));
  });

  it("follows the date on a city official's dashboard too", async () => {
    const asked = spy();
    loginAs('city_nc');
    renderApp('/dashboard?as_of=2026-03-31');
    await waitFor(() => expect(asked.trend.length).toBeGreaterThan(0));
    expect(asked.trend.every((q) => q.get('as_of') === '2026-03-31' && q.get('city') === '1')).toBe(true);
  });
});
