import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

// Round 35: the audit log's times are China's (UTC+8), not the browser's zone.
const entry = {
  id: 1,
  timestamp: '2026-12-06T17:30:09Z',
  action: 'update',
  model: 'teacher',
  object_id: 7,
  object_repr: '王芳',
  actor: 'hr_a',
  changes: { name: ['王芳', '王芳芳'] },
  additional_data: null,
  remote_addr: null,
};

function serve() {
  server.use(
    http.get('/api/v1/audit-log/', () => HttpResponse.json({ count: 1, next: null, previous: null, results: [entry] })),
  );
}

describe('the audit log’s times (round 35)', () => {
  it('shows a UTC timestamp as China’s wall clock, to the second', { timeout: 60_000 }, async () => {
    serve();
    loginAs('province');
    renderApp('/audit-log');
    const row = (await screen.findByTestId('audit-record')).closest('tr') as HTMLElement;
    expect(within(row).getByText('2026-12-07 01:30:09')).toBeInTheDocument();
    expect(row).not.toHaveTextContent('2026-12-06');
  });

  it('and on a phone', { timeout: 60_000 }, async () => {
    phoneScreen();
    serve();
    loginAs('province');
    renderApp('/audit-log');
    expect(await screen.findByTestId('audit-entry')).toHaveTextContent('2026-12-07 01:30:09 · hr_a');
  });
});
