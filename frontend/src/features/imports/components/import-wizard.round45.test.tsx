import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 45: a check that passed while the user was elsewhere (the wizard says they may
// leave) could not be committed: the wizard kept the upload only in its state, and /imports
// started again at step 1. The upload is now in the URL (/imports?import=<id>), and the
// wizard opens at the step the upload has reached.

const upload = (id: number, status: string, more: Record<string, unknown> = {}) => ({
  id,
  kind: 'teachers',
  filename: 'teachers.xlsx',
  status,
  rows: 3000,
  ready: 3000,
  failed: 0,
  errors: [],
  message: '',
  created: null,
  updated: null,
  unchanged: null,
  progress: { done: 3000, total: 3000 },
  ...more,
});

/** Import 55 answers `status` until it is committed; its commit is recorded in `commits`. */
function importAt(status: string, more: Record<string, unknown> = {}) {
  const commits: number[] = [];
  server.use(
    http.get('/api/v1/imports/:id/', ({ params }) => {
      if (Number(params.id) !== 55) return HttpResponse.json({ detail: 'Not found.' }, { status: 404 });
      return HttpResponse.json(
        commits.length ? upload(55, 'committed', { created: 2990, updated: 10, unchanged: 0 }) : upload(55, status, more),
      );
    }),
    http.post('/api/v1/imports/:id/commit/', ({ params }) => {
      commits.push(Number(params.id));
      return HttpResponse.json(upload(Number(params.id), 'committing', { progress: { done: 0, total: 3000 } }));
    }),
  );
  return commits;
}

describe('an upload opened by its id', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('opens a passed check at its confirm step and imports that upload', async () => {
    const commits = importAt('valid');
    loginAs('hr_a');
    renderApp('/imports?import=55');
    expect(await screen.findByText('3000 行检查通过，可以导入。')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: '确认导入' }));
    expect(await screen.findByText('导入成功：新增 2990 条，更新 10 条。')).toBeInTheDocument();
    expect(commits).toEqual([55]);
  });

  it('reads in English', async () => {
    importAt('valid');
    await i18n.changeLanguage('en');
    loginAs('hr_a');
    renderApp('/imports?import=55');
    expect(await screen.findByText('3000 rows checked and ready to import.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import' })).toBeEnabled();
  });

  it('opens a check with errors at its list of errors', async () => {
    importAt('invalid', {
      ready: 2999,
      failed: 1,
      errors: [{ row: 4, column: '身份证号', value: '123', message: '身份证号应为 18 位。' }],
    });
    loginAs('hr_a');
    renderApp('/imports?import=55');
    expect(await screen.findByText('身份证号应为 18 位。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '确认导入' })).toBeDisabled();
    expect(screen.getByRole('link', { name: /下载标注错误的工作簿/ })).toBeInTheDocument();
  });

  it('shows a check still running as its progress', async () => {
    importAt('validating', { progress: { done: 1200, total: 3000 } });
    loginAs('hr_a');
    renderApp('/imports?import=55');
    expect(await screen.findByTestId('import-progress')).toHaveTextContent('正在检查');
  });

  it('shows a committed upload as its result', async () => {
    importAt('committed', { created: 3000, updated: 0, unchanged: 0 });
    loginAs('hr_a');
    renderApp('/imports?import=55');
    expect(await screen.findByText('导入成功：新增 3000 条，更新 0 条。')).toBeInTheDocument();
  });

  it('says so when the upload cannot be found, and starts again from there', async () => {
    importAt('valid');
    loginAs('hr_a');
    const { router } = renderApp('/imports?import=999');
    expect(await screen.findByTestId('import-missing')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: '再导入一个' }));
    expect(await screen.findByRole('link', { name: /下载模板/ })).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('keeps a new upload in the URL, so coming back resumes it', async () => {
    loginAs('hr_a');
    const { container, router } = renderApp('/imports');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: '上传文件' }));
    await user.upload(
      container.querySelector('input[type=file]') as HTMLInputElement,
      new File(['ok'], 'ok.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    );
    await waitFor(() => expect(router.state.location.search).toBe('?import=42'));
    // Off to My jobs while it is checked, then back by the link the jobs page gives.
    await router.navigate('/jobs');
    await router.navigate('/imports?import=42');
    expect(await screen.findByText('3 行检查通过，可以导入。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '确认导入' })).toBeEnabled();
  });

  it('drops the id when the user uploads another file instead', async () => {
    importAt('valid', { kind: 'certificates' });
    loginAs('hr_a');
    const { router } = renderApp('/imports?import=55');
    const user = userEvent.setup({ delay: null });
    await screen.findByText('3000 行检查通过，可以导入。');
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    expect(await screen.findByText('点击或拖拽 Excel 文件到此处')).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
    // Of the upload's kind.
    expect(screen.getByText('证书', { selector: 'strong' })).toBeInTheDocument();
  });
});
