import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

// Round 45: a check that passed said "3000 行可导入" in My jobs with nothing to act on: the
// user could not get back to it to commit, and had to upload the file again.
const job = (id: number, kind: string, result: Record<string, unknown>, title = 'teachers.xlsx') => ({
  id,
  kind,
  title,
  status: 'succeeded',
  progress: { done: 3000, total: 3000 },
  message: '',
  result,
  link: '/api/v1/imports/55/',
  download: null,
  result_name: '',
  created_at: '2026-12-01T08:00:00Z',
  started_at: '2026-12-01T08:00:01Z',
  finished_at: '2026-12-01T08:00:09Z',
});

const jobs = (...results: ReturnType<typeof job>[]) =>
  server.use(
    http.get('/api/v1/jobs/', () => HttpResponse.json({ count: results.length, next: null, previous: null, results })),
  );

const passed = { status: 'valid', rows: 3000, ready: 3000, failed: 0 };

describe('my jobs: back to an import check', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('links a passed check to its confirm step', async () => {
    jobs(job(1, 'imports.validate', passed));
    loginAs('hr_a');
    renderApp('/jobs');
    const outcome = await screen.findByTestId('job-outcome');
    expect(outcome).toHaveTextContent('3000 行可导入');
    expect(within(outcome).getByRole('link', { name: '去确认导入' })).toHaveAttribute('href', '/imports?import=55');
  });

  it('opens the wizard at the confirm step of that upload', async () => {
    jobs(job(1, 'imports.validate', passed));
    server.use(
      http.get('/api/v1/imports/:id/', ({ params }) =>
        HttpResponse.json({
          id: Number(params.id),
          kind: 'teachers',
          filename: 'teachers.xlsx',
          status: 'valid',
          rows: 3000,
          ready: 3000,
          failed: 0,
          errors: [],
          message: '',
          progress: { done: 3000, total: 3000 },
        }),
      ),
    );
    loginAs('hr_a');
    const { router } = renderApp('/jobs');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('link', { name: '去确认导入' }));
    expect(await screen.findByText('3000 行检查通过，可以导入。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '确认导入' })).toBeEnabled();
    expect(router.state.location.pathname + router.state.location.search).toBe('/imports?import=55');
  });

  it('links a check with errors to its list, beside the marked workbook', async () => {
    jobs(job(1, 'imports.validate', { status: 'invalid', rows: 3000, ready: 2996, failed: 4 }));
    loginAs('hr_a');
    renderApp('/jobs');
    const outcome = await screen.findByTestId('job-outcome');
    expect(within(outcome).getByRole('link', { name: '查看错误' })).toHaveAttribute('href', '/imports?import=55');
    expect(within(outcome).getByRole('link', { name: /下载标注错误的工作簿/ })).toBeInTheDocument();
    expect(within(outcome).queryByRole('link', { name: '去确认导入' })).toBeNull();
  });

  it('offers no confirm once the upload has been committed', async () => {
    jobs(
      job(2, 'imports.commit', { status: 'committed', created: 3000, updated: 0, unchanged: 0 }),
      job(1, 'imports.validate', passed),
    );
    loginAs('hr_a');
    renderApp('/jobs');
    await screen.findByText('新增 3000 条，更新 0 条');
    expect(screen.getByText('3000 行可导入')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '去确认导入' })).toBeNull();
  });

  it('reads in English, and on a phone', async () => {
    await i18n.changeLanguage('en');
    phoneScreen();
    jobs(job(1, 'imports.validate', passed));
    loginAs('hr_a');
    renderApp('/jobs');
    const outcome = await screen.findByTestId('job-outcome');
    expect(within(outcome).getByRole('link', { name: 'Review and import' })).toHaveAttribute('href', '/imports?import=55');
  });

  it('a finished check’s toast opens the upload, not the jobs list', async () => {
    let asked = 0;
    server.use(
      http.get('/api/v1/jobs/', () => {
        asked += 1;
        const row = { ...job(1, 'imports.validate', asked < 3 ? {} : passed), status: asked < 3 ? 'running' : 'succeeded' };
        return HttpResponse.json({ count: 1, next: null, previous: null, results: [row] });
      }),
    );
    loginAs('hr_a');
    const { router } = renderApp('/');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByText('已完成：导入检查 · teachers.xlsx', {}, { timeout: 5000 }));
    expect(router.state.location.pathname + router.state.location.search).toBe('/imports?import=55');
  });
});
