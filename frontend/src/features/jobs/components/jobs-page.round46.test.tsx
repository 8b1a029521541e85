import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

// Round 46 (390 px): a school workbook's name wrapped to four lines in 我的任务; the
// "已完成：教师名单导出" notice covered "已开始导出…"; the English buttons read "Export to
// Excel" on Teachers and "Export Excel" on Practice duty.

const LONG = '南昌工业职业技术学院-双师型教师-2026-12-06.xlsx';
const exportJob = (status: string, name = '') => ({
  id: 31,
  kind: 'exports.teachers',
  title: '教师名单导出',
  status,
  progress: { done: 0, total: 0 },
  message: '',
  result: {},
  link: '',
  download: status === 'succeeded' ? '/api/v1/jobs/31/download/' : null,
  result_name: name,
  created_at: '2026-12-07T08:00:00Z',
  started_at: '2026-12-07T08:00:01Z',
  finished_at: null,
});

describe('my jobs on a phone', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('keeps a file’s name to two lines, the whole name in its title', async () => {
    server.use(
      http.get('/api/v1/jobs/', () =>
        HttpResponse.json({ count: 1, next: null, previous: null, results: [exportJob('succeeded', LONG)] }),
      ),
    );
    phoneScreen();
    loginAs('hr_a');
    renderApp('/jobs');
    const button = await screen.findByRole('link', { name: new RegExp(LONG) });
    expect(button).toHaveAttribute('title', LONG);
    // Two lines of 1.5 at most (jsdom drops -webkit-line-clamp, which adds the "…").
    await waitFor(() => expect(within(button).getByTestId('file-name').style.maxHeight).toBe('3em'));
    const name = within(button).getByTestId('file-name');
    expect([name.style.lineHeight, name.style.overflow]).toEqual(['1.5', 'hidden']);
    expect(name).toHaveTextContent(LONG);
  });

  it('replaces the “export started” message with the done notice, not under it', async () => {
    let finished = false;
    server.use(
      http.post('/api/v1/exports/teachers/', () => HttpResponse.json(exportJob('queued'), { status: 202 })),
      http.get('/api/v1/jobs/', () =>
        HttpResponse.json({
          count: 1,
          next: null,
          previous: null,
          results: [finished ? exportJob('succeeded', '教师名单-2026-12-07.xlsx') : exportJob('running')],
        }),
      ),
    );
    phoneScreen();
    loginAs('hr_a');
    const { queryClient } = renderApp('/teachers');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /导出 Excel/ }));
    const started = await screen.findByTestId('export-started');
    const shownAt = Date.now();
    const notice = started.closest('.ant-message-notice') as HTMLElement;
    expect(notice.className).not.toMatch(/-leave\b/);
    await waitFor(() => expect(queryClient.getQueryData(['jobs', 'list', 1])).toBeTruthy());
    finished = true;
    await queryClient.refetchQueries({ queryKey: ['jobs'] });
    expect(await screen.findByText('已完成：教师名单导出')).toBeInTheDocument();
    // Taken down as the done notice shows (it leaves with antd's fade, which jsdom never ends),
    // well before its own 3 seconds would have ended it.
    expect(Date.now() - shownAt).toBeLessThan(2500);
    expect(notice.className).toMatch(/-leave\b/);
  });
});

describe('export buttons in English', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('say “Export to Excel” on Teachers and on Practice duty alike', async () => {
    await i18n.changeLanguage('en');
    loginAs('hr_a');
    const { unmount } = renderApp('/teachers');
    expect(await screen.findByRole('button', { name: /Export to Excel/ })).toBeInTheDocument();
    unmount();
    renderApp('/practice-duty');
    expect(await screen.findByRole('button', { name: /Export to Excel/ })).toBeInTheDocument();
  });
});
