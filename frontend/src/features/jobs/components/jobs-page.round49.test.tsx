import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 49 (QA): a commit that refused rows (broken since the check: another school had
// registered the same ID number meanwhile) read in 我的任务 as grey text, with no way to its
// errors or its marked workbook, while the check's row above still said "6 行可导入".

const REFUSED = '请修改错误后重新上传文件：本次未导入任何数据。';

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

const passedCheck = job(1, 'imports.validate', { status: 'valid', rows: 6, ready: 6, failed: 0 });
const refusedCommit = job(2, 'imports.commit', { status: 'invalid', failed: 1 }, REFUSED);

const jobs = (...results: ReturnType<typeof job>[]) =>
  server.use(
    http.get('/api/v1/jobs/', () => HttpResponse.json({ count: results.length, next: null, previous: null, results })),
  );

describe('my jobs: a commit that refused rows, round 49', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('reads as refused, with its errors and its marked workbook', async () => {
    jobs(refusedCommit, passedCheck);
    loginAs('hr_a');
    renderApp('/jobs');
    const [commit] = await screen.findAllByTestId('job-outcome');
    expect(commit).toHaveTextContent('导入时发现 1 行有错误，未导入任何数据');
    expect(within(commit).getByRole('link', { name: '查看错误' })).toHaveAttribute('href', '/imports?import=13');
    expect(within(commit).getByRole('link', { name: /下载标注错误的工作簿/ })).toHaveAttribute(
      'href',
      expect.stringContaining('/api/v1/imports/13/errors/'),
    );
    expect(screen.queryByText(REFUSED)).toBeNull();
  });

  it('links the check before it to the errors too, not to a confirm', async () => {
    jobs(refusedCommit, passedCheck);
    loginAs('hr_a');
    renderApp('/jobs');
    const check = (await screen.findAllByTestId('job-outcome'))[1];
    expect(check).toHaveTextContent('6 行可导入');
    expect(within(check).getByRole('link', { name: '查看错误' })).toHaveAttribute('href', '/imports?import=13');
    expect(within(check).queryByRole('link', { name: '去确认导入' })).toBeNull();
    // The commit's row has the marked workbook: not twice.
    expect(within(check).queryByRole('link', { name: /下载标注错误的工作簿/ })).toBeNull();
  });

  it('opens the wizard at that upload’s errors', async () => {
    jobs(refusedCommit, passedCheck);
    server.use(
      http.get('/api/v1/imports/:id/', ({ params }) =>
        HttpResponse.json({
          id: Number(params.id),
          kind: 'teachers',
          filename: 'teachers.xlsx',
          status: 'invalid',
          rows: 6,
          ready: 5,
          failed: 1,
          errors: [{ row: 3, column: '身份证号', value: '360102199001011234', message: '该身份证号已在其他学校登记。' }],
          message: REFUSED,
          created: null,
          updated: null,
          unchanged: null,
          progress: { done: 6, total: 6 },
        }),
      ),
    );
    loginAs('hr_a');
    const { router } = renderApp('/jobs');
    const user = userEvent.setup({ delay: null });
    const [commit] = await screen.findAllByTestId('job-outcome');
    await user.click(within(commit).getByRole('link', { name: '查看错误' }));
    expect(await screen.findByText('该身份证号已在其他学校登记。')).toBeInTheDocument();
    expect(router.state.location.pathname + router.state.location.search).toBe('/imports?import=13');
  });

  it('reads in English', async () => {
    await i18n.changeLanguage('en');
    jobs(refusedCommit);
    loginAs('hr_a');
    renderApp('/jobs');
    const outcome = await screen.findByTestId('job-outcome');
    expect(outcome).toHaveTextContent('1 row with errors found on import: nothing was imported');
    expect(within(outcome).getByRole('link', { name: 'View the errors' })).toHaveAttribute('href', '/imports?import=13');
    expect(within(outcome).getByRole('link', { name: /Download the marked workbook/ })).toBeInTheDocument();
  });

  it('leaves a commit that succeeded as it was', async () => {
    jobs(job(2, 'imports.commit', { status: 'committed', created: 6, updated: 0, unchanged: 0 }), passedCheck);
    loginAs('hr_a');
    renderApp('/jobs');
    const [commit, check] = await screen.findAllByTestId('job-outcome');
    expect(commit).toHaveTextContent('新增 6 条，更新 0 条');
    expect(within(commit).queryByRole('link')).toBeNull();
    expect(check).toHaveTextContent('6 行可导入');
    expect(within(check).queryByRole('link')).toBeNull();
  });
});
