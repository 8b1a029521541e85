import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const xlsx = (name: string) =>
  new File(['ok'], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

// Round 35: a re-import writes only what changed; the rows already as stored are counted
// apart (`unchanged`), and the result says so.
const committed = (unchanged: number) =>
  http.post('/api/v1/imports/:id/commit/', ({ params }) =>
    HttpResponse.json({
      id: Number(params.id),
      rows: 3,
      ready: 3,
      failed: 0,
      errors: [],
      message: '',
      status: 'committed',
      created: 0,
      updated: 1,
      unchanged,
      progress: { done: 3, total: 3 },
    }),
  );

async function commitAFile() {
  loginAs('hr_a');
  const { container } = renderApp('/imports');
  const user = userEvent.setup({ delay: null });
  await user.click(await screen.findByRole('button', { name: /上传文件|Upload/ }));
  await user.upload(container.querySelector('input[type=file]') as HTMLInputElement, xlsx('ok.xlsx'));
  await user.click(await screen.findByRole('button', { name: /确认导入|^Import$/ }));
}

describe('the import result counts the unchanged records', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('says how many records were already as in the file (Chinese)', async () => {
    server.use(committed(2));
    await commitAFile();
    expect(await screen.findByText('导入成功：新增 0 条，更新 1 条。')).toBeInTheDocument();
    expect(screen.getByText('2 条与系统中一致，未改写。')).toBeInTheDocument();
  });

  it('says how many records were already as in the file (English)', async () => {
    await i18n.changeLanguage('en');
    server.use(committed(1));
    await commitAFile();
    expect(await screen.findByText('Imported: 0 created, 1 updated.')).toBeInTheDocument();
    expect(screen.getByText('1 record was already up to date and was left as it was.')).toBeInTheDocument();
  });

  it('says nothing of unchanged records when there are none', async () => {
    server.use(committed(0));
    await commitAFile();
    expect(await screen.findByText('导入成功：新增 0 条，更新 1 条。')).toBeInTheDocument();
    expect(screen.queryByText(/未改写/)).toBeNull();
  });
});
