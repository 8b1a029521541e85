import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

// Round 33: a job whose total is not known yet (a workbook being gathered, an export still
// counting its rows) showed an empty progress cell: nothing said it was working.
const job = (id: number, status: string, done: number, total: number, title: string) => ({
  id,
  kind: 'exports.province',
  title,
  status,
  progress: { done, total },
  message: '',
  result: {},
  link: '',
  download: null,
  result_name: '',
  created_at: '2026-12-01T08:00:00Z',
  started_at: status === 'queued' ? null : '2026-12-01T08:00:01Z',
  finished_at: null as string | null,
});

const jobs = (...results: ReturnType<typeof job>[]) =>
  server.use(
    http.get('/api/v1/jobs/', () => HttpResponse.json({ count: results.length, next: null, previous: null, results })),
  );

const rowOf = async (title: string) => (await screen.findByText(title)).closest('tr') as HTMLElement;

describe('my jobs: progress without a known total', () => {
  it('shows a working indicator, not an empty cell, while the total is unknown', async () => {
    jobs(
      job(1, 'running', 0, 0, '全省工作簿'),
      job(2, 'running', 1500, 0, '教师名单导出'),
      job(3, 'queued', 0, 0, '本校明细'),
      job(4, 'running', 30, 120, '企业实践导出'),
    );
    loginAs('province');
    renderApp('/jobs');
    const working = within(await rowOf('全省工作簿')).getByRole('progressbar');
    expect(working).toHaveAttribute('aria-busy', 'true');
    expect(working).toHaveTextContent('正在处理');
    expect(within(await rowOf('教师名单导出')).getByRole('progressbar')).toHaveTextContent('已处理 1500 条');
    expect(within(await rowOf('本校明细')).getByRole('progressbar')).toHaveTextContent('等待开始');
    // A known total keeps its percentage bar.
    const counted = within(await rowOf('企业实践导出')).getByRole('progressbar');
    expect(counted).not.toHaveAttribute('aria-busy');
    expect(counted).toHaveAttribute('aria-valuenow', '25');
  });

  it('shows it on a phone too, under the status', async () => {
    phoneScreen();
    jobs(job(1, 'running', 0, 0, '全省工作簿'));
    loginAs('province');
    renderApp('/jobs');
    expect(within(await rowOf('全省工作簿')).getByRole('progressbar')).toHaveAttribute('aria-busy', 'true');
  });

  it('reads in English', async () => {
    jobs(job(1, 'running', 0, 0, 'Province workbook'), job(2, 'running', 1, 0, 'Teacher list export'));
    await i18n.changeLanguage('en');
    try {
      loginAs('province');
      renderApp('/jobs');
      expect(within(await rowOf('Province workbook')).getByRole('progressbar')).toHaveTextContent('Working');
      expect(within(await rowOf('Teacher list export')).getByRole('progressbar')).toHaveTextContent('1 row so far');
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('shows nothing for a job that has ended', async () => {
    jobs({ ...job(1, 'succeeded', 0, 0, '全省工作簿'), finished_at: '2026-12-01T08:00:03Z' });
    loginAs('province');
    renderApp('/jobs');
    expect(within(await rowOf('全省工作簿')).queryByRole('progressbar')).toBeNull();
  });
});
