import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

describe('my jobs', () => {
  it('lists the user’s jobs with their status and the file to download', async () => {
    loginAs('hr_a');
    renderApp('/jobs');
    expect(await screen.findByText('教师名单导出')).toBeInTheDocument();
    expect(screen.getByTestId('job-status')).toHaveTextContent('已完成');
    expect(screen.getByRole('link', { name: /教师名单\.xlsx/ })).toHaveAttribute(
      'href',
      'http://localhost:3000/api/v1/jobs/7/download/',
    );
  });

  it('shows what, how it stands and the file on a phone, the start under the name', async () => {
    phoneScreen();
    loginAs('hr_a');
    renderApp('/jobs');
    const row = (await screen.findByText('教师名单导出')).closest('tr') as HTMLElement;
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['任务', '状态', '结果']);
    expect(within(row).getByTestId('job-started')).not.toBeEmptyDOMElement();
    expect(within(row).getByTestId('job-status')).toHaveTextContent('已完成');
    expect(within(row).getByRole('link', { name: /教师名单\.xlsx/ })).toBeInTheDocument();
  });

  // A button keeps its text on one line: a school workbook's long name pushed the table past
  // a phone's edge and squeezed the job's name to a character a line.
  it('wraps a file’s name on a phone, not on a desktop', async () => {
    loginAs('hr_a');
    const { unmount } = renderApp('/jobs');
    expect(await screen.findByRole('link', { name: /教师名单\.xlsx/ })).not.toHaveStyle({ whiteSpace: 'normal' });
    unmount();
    phoneScreen();
    renderApp('/jobs');
    // The phone's layout comes with the breakpoint's first update: wait for it, not for the
    // first paint (a loaded machine showed the link before it).
    await screen.findByRole('link', { name: /教师名单\.xlsx/ });
    await waitFor(() =>
      expect(screen.getByRole('link', { name: /教师名单\.xlsx/ })).toHaveStyle({ whiteSpace: 'normal', overflowWrap: 'anywhere' }),
    );
  });

  describe('an import’s two jobs', () => {
    const job = (id: number, kind: string, result: Record<string, unknown>) => ({
      id,
      kind,
      title: 'teachers.xlsx',
      status: 'succeeded',
      progress: { done: 600, total: 600 },
      message: '',
      result,
      link: '/api/v1/imports/3/',
      download: null,
      result_name: '',
      created_at: '2026-12-01T08:00:00Z',
      started_at: '2026-12-01T08:00:01Z',
      finished_at: '2026-12-01T08:00:03Z',
    });
    const importJobs = () =>
      server.use(
        http.get('/api/v1/jobs/', () =>
          HttpResponse.json({
            count: 2,
            next: null,
            previous: null,
            results: [
              job(12, 'imports.commit', { status: 'committed', created: 596, updated: 4, unchanged: 0 }),
              job(11, 'imports.validate', { status: 'invalid', rows: 600, failed: 1 }),
            ],
          }),
        ),
      );

    // Both were called by the file's name alone, with an empty result: which was the check,
    // and what did it come to, could not be found again once the wizard was left.
    it('names the step and says what it came to, with the marked workbook of a check that failed', async () => {
      importJobs();
      loginAs('hr_a');
      renderApp('/jobs');
      const check = (await screen.findByText('导入检查 · teachers.xlsx')).closest('tr') as HTMLElement;
      expect(within(check).getByTestId('job-outcome')).toHaveTextContent('1 行有错误');
      expect(within(check).getByRole('link', { name: /下载标注错误的工作簿/ })).toHaveAttribute(
        'href',
        'http://localhost:3000/api/v1/imports/3/errors/?lang=zh-Hans',
      );
      const commit = screen.getByText('确认导入 · teachers.xlsx').closest('tr') as HTMLElement;
      expect(within(commit).getByTestId('job-outcome')).toHaveTextContent('新增 596 条，更新 4 条');
      expect(within(commit).queryByRole('link')).toBeNull();
    });

    it('says why a check refused the whole file, with no marked workbook to download', async () => {
      server.use(
        http.get('/api/v1/jobs/', () =>
          HttpResponse.json({
            count: 1,
            next: null,
            previous: null,
            results: [{ ...job(13, 'imports.validate', { status: 'invalid', rows: 0, failed: 0 }), message: '工作表中没有找到模板的表头。' }],
          }),
        ),
      );
      loginAs('hr_a');
      renderApp('/jobs');
      const check = (await screen.findByText('导入检查 · teachers.xlsx')).closest('tr') as HTMLElement;
      expect(within(check).getByTestId('job-outcome')).toHaveTextContent('工作表中没有找到模板的表头。');
      expect(within(check).queryByText(/0 行有错误/)).toBeNull();
      expect(within(check).queryByRole('link')).toBeNull();
    });

    it('reads in English', async () => {
      importJobs();
      await i18n.changeLanguage('en');
      try {
        loginAs('hr_a');
        renderApp('/jobs');
        expect(await screen.findByText('Import check · teachers.xlsx')).toBeInTheDocument();
        expect(screen.getByText('1 row with errors')).toBeInTheDocument();
        expect(screen.getByText('Import · teachers.xlsx')).toBeInTheDocument();
        expect(screen.getByText('596 added, 4 updated')).toBeInTheDocument();
      } finally {
        await i18n.changeLanguage('zh-CN');
      }
    });
  });
});
