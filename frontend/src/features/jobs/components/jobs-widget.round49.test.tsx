import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 49 (QA): the done toast of a commit that refused rows (broken since the check) opened
// 我的任务, where nothing led to the errors; someone who left the wizard during the commit
// could not reach them. It opens the upload, as a finished check's toast and the bell do.

const job = (id: number, kind: string, result: Record<string, unknown>, message = '') => ({
  id,
  kind,
  title: 'teachers.xlsx',
  status: 'succeeded',
  progress: { done: 6, total: 6 },
  message,
  result,
  link: '/api/v1/imports/13/',
  download: null,
  result_name: '',
  created_at: '2026-12-08T08:00:00Z',
  started_at: '2026-12-08T08:00:01Z',
  finished_at: '2026-12-08T08:00:05Z',
});

const refusedCommit = job(2, 'imports.commit', { status: 'invalid', failed: 1 }, '请修改错误后重新上传文件：本次未导入任何数据。');

describe('the toast of a commit that refused rows, round 49', () => {
  const polled = (done: ReturnType<typeof job>) => {
    let asked = 0;
    server.use(
      http.get('/api/v1/jobs/', () => {
        asked += 1;
        const row = asked < 3 ? { ...done, status: 'running', result: {}, message: '' } : done;
        return HttpResponse.json({ count: 1, next: null, previous: null, results: [row] });
      }),
    );
  };

  it('says what it found and opens the upload, not the jobs list', async () => {
    polled(refusedCommit);
    loginAs('hr_a');
    const { router } = renderApp('/');
    const user = userEvent.setup({ delay: null });
    const title = await screen.findByText('已完成：确认导入 · teachers.xlsx', {}, { timeout: 5000 });
    expect(screen.getByText('导入时发现 1 行有错误，未导入任何数据')).toBeInTheDocument();
    // A warning (nothing was imported), as a refused check's.
    expect(title.closest('.ant-notification-notice')).toHaveClass('ant-notification-notice-warning');
    await user.click(title);
    await waitFor(() => expect(router.state.location.pathname + router.state.location.search).toBe('/imports?import=13'));
  });

  it('still opens the jobs list for a commit that succeeded', async () => {
    polled(job(2, 'imports.commit', { status: 'committed', created: 6, updated: 0, unchanged: 0 }));
    loginAs('hr_a');
    const { router } = renderApp('/');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByText('已完成：确认导入 · teachers.xlsx', {}, { timeout: 5000 }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/jobs'));
  });
});
