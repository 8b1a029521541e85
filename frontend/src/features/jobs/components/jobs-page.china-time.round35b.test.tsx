import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

// Round 35: when a job started is China's time, in one form in both languages (the browser's
// own locale and zone wrote "12/6/2026, 5:30:00 PM" in UTC).
const job = {
  id: 1,
  kind: 'exports.province',
  title: '全省工作簿',
  status: 'running',
  progress: { done: 1, total: 4 },
  message: '',
  result: {},
  link: '',
  download: null,
  result_name: '',
  created_at: '2026-12-06T17:30:00Z',
  started_at: '2026-12-06T17:30:01Z',
  finished_at: null,
};

function serve() {
  server.use(http.get('/api/v1/jobs/', () => HttpResponse.json({ count: 1, next: null, previous: null, results: [job] })));
}

describe('my jobs’ start times (round 35)', () => {
  it('are China’s wall clock', { timeout: 60_000 }, async () => {
    serve();
    loginAs('province');
    renderApp('/jobs');
    const row = (await screen.findByText('全省工作簿')).closest('tr') as HTMLElement;
    expect(within(row).getByText('2026-12-07 01:30')).toBeInTheDocument();
  });

  it('in English too', { timeout: 60_000 }, async () => {
    await i18n.changeLanguage('en');
    serve();
    loginAs('province');
    renderApp('/jobs');
    const row = (await screen.findByText('全省工作簿')).closest('tr') as HTMLElement;
    expect(within(row).getByText('2026-12-07 01:30')).toBeInTheDocument();
  });

  it('and under the job’s name on a phone', { timeout: 60_000 }, async () => {
    phoneScreen();
    serve();
    loginAs('province');
    renderApp('/jobs');
    expect(await screen.findByTestId('job-started')).toHaveTextContent('2026-12-07 01:30');
  });
});
