import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const check = (status: string, result: Record<string, unknown>) => ({
  id: 11,
  kind: 'imports.validate',
  title: 'teachers.xlsx',
  status,
  progress: { done: 0, total: 0 },
  message: '',
  result,
  link: '/api/v1/imports/3/',
  download: null,
  result_name: '',
  created_at: '2026-12-01T08:00:00Z',
  started_at: '2026-12-01T08:00:01Z',
  finished_at: null,
});

describe('the header’s jobs button', () => {
  // The toast said only "已完成：teachers.xlsx", the same for the check and the commit, and
  // not what the check found.
  it('says which step of an import ended and what it came to', async () => {
    let asked = 0;
    server.use(
      http.get('/api/v1/jobs/', () => {
        asked += 1;
        const job = asked < 3 ? check('running', {}) : check('succeeded', { status: 'invalid', rows: 600, failed: 4 });
        return HttpResponse.json({ count: 1, next: null, previous: null, results: [job] });
      }),
    );
    loginAs('hr_a');
    renderApp('/');
    expect(await screen.findByText('已完成：导入检查 · teachers.xlsx', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('4 行有错误')).toBeInTheDocument();
  });
});
