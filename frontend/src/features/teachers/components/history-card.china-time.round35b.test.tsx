import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 35: a teacher's change log shows its times in China's time, whatever the browser's zone.
const change = {
  id: 11,
  timestamp: '2026-12-06T17:30:00Z',
  action: 'update',
  model: 'teacher',
  object_id: 1,
  object_repr: '王芳',
  object_name: '王芳',
  actor: 'hr_a',
  changes: { name: ['王芳', '王芳芳'] },
  additional_data: null,
};

describe('a teacher’s change log (round 35)', () => {
  it('shows a UTC timestamp as China’s day and minute', { timeout: 60_000 }, async () => {
    server.use(
      http.get('/api/v1/teachers/1/history/', () =>
        HttpResponse.json({ count: 1, next: null, previous: null, results: [change] }),
      ),
    );
    loginAs('hr_a');
    renderApp('/teachers/1');
    fireEvent.click(await screen.findByText('操作记录'));
    const [row] = await within(await screen.findByTestId('teacher-history')).findAllByTestId('history-entry');
    expect(row).toHaveTextContent('2026-12-07 01:30 · hr_a');
  });
});
