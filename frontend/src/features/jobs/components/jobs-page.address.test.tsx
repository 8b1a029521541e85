import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// My jobs keeps its page in the address: Back from a job's import wizard, a reload and a
// shared link come back to the same page.
const job = (page: string) => ({
  id: Number(page) * 100,
  kind: 'exports.teachers',
  title: `导出第 ${page} 页`,
  status: 'succeeded',
  progress: { done: 1, total: 1 },
  message: '',
  result: {},
  link: '',
  download: null,
  result_name: '',
  created_at: '2026-12-01T08:00:00Z',
  started_at: '2026-12-01T08:00:01Z',
  finished_at: '2026-12-01T08:00:03Z',
});

/** 45 jobs, one row a page named after the page; keeps the pages asked for (the header's
 * jobs button asks for the first). */
function jobs() {
  const pages: (string | null)[] = [];
  server.use(
    http.get('/api/v1/jobs/', ({ request }) => {
      const page = new URL(request.url).searchParams.get('page');
      pages.push(page);
      return HttpResponse.json({ count: 45, next: null, previous: null, results: [job(page ?? '1')] });
    }),
  );
  return pages;
}

describe('my jobs in the address', () => {
  it('opens at the address’s page, with the total, and keeps a page turned to', async () => {
    const pages = jobs();
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp('/jobs?page=2');
    expect(await screen.findByText('导出第 2 页')).toBeInTheDocument();
    expect(pages).toContain('2');
    expect(screen.getByText('共 45 条')).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: '2' })).toHaveClass('ant-pagination-item-active');

    await waitFor(() => user.click(screen.getByRole('listitem', { name: '3' })));
    expect(await screen.findByText('导出第 3 页')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?page=3');
    // The first page is the address without one.
    await waitFor(() => user.click(screen.getByRole('listitem', { name: '1' })));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('asks for the first page for a page that is no page', async () => {
    const pages = jobs();
    loginAs('province');
    renderApp('/jobs?page=-4');
    expect(await screen.findByText('导出第 1 页')).toBeInTheDocument();
    expect(pages.every((page) => page === '1')).toBe(true);
  });
});
