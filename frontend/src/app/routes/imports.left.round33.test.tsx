import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

const API = '/api/v1';

/** Base staff's own base (id 1, as the mock base_a account names it) with a status history. */
function serveBase(status: 'active' | 'suspended' | 'planned') {
  const history =
    status === 'planned'
      ? [{ status: 'planned', effective_on: '2026-03-01', reason: '' }]
      : [
          { status: 'active', effective_on: '2015-01-01', reason: '' },
          ...(status === 'suspended' ? [{ status: 'suspended', effective_on: '2026-07-20', reason: '整改' }] : []),
        ];
  const base = {
    id: 1, code: 'TB01', name: '南昌智能制造培训基地', host_name: '某企业', host_kind: 'enterprise', city: 1,
    city_name: '南昌', designation: 'dual_qualified', approved_on: status === 'planned' ? null : '2015-01-01',
    status, status_history: history, version: 3,
  };
  server.use(
    http.get(`${API}/training-bases/1/`, () => HttpResponse.json(base)),
    http.get(`${API}/training-bases/stats/`, () =>
      HttpResponse.json([
        {
          base: { id: 1, code: 'TB01', name: base.name, status, city: '南昌' },
          programs: 1, programs_run: 1, completions: 0, teachers_trained: 0, passed: 0, pass_rate: null, qualified_through: 0,
        },
      ]),
    ),
  );
}

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('imports for a base that is not operating (round 33)', () => {
  it.each([
    ['suspended', '2026-07-20', '暂停'],
    ['planned', '2026-03-01', '筹建'],
  ] as const)('a %s base is told so at the top, since when, and offered no upload', async (status, since, word) => {
    phoneScreen();
    serveBase(status);
    loginAs('base_a');
    renderApp('/imports');
    const notice = await screen.findByTestId('base-not-operating');
    await waitFor(() => expect(notice).toHaveTextContent(since));
    expect(notice).toHaveTextContent(word);
    expect(notice).toHaveTextContent('不能登记或导入');
    expect(screen.queryByRole('button', { name: '上传文件' })).not.toBeInTheDocument();
  });

  it('says it in English', async () => {
    serveBase('suspended');
    loginAs('base_a');
    renderApp('/imports');
    const notice = await screen.findByTestId('base-not-operating');
    await i18n.changeLanguage('en');
    await waitFor(() => expect(notice).toHaveTextContent('suspended since 2026-07-20'));
    expect(notice).toHaveTextContent(/cannot be logged or imported/);
  });

  it('an operating base imports as before', async () => {
    serveBase('active');
    loginAs('base_a');
    renderApp('/imports');
    expect(await screen.findByRole('button', { name: '上传文件' })).toBeInTheDocument();
    expect(screen.queryByTestId('base-not-operating')).not.toBeInTheDocument();
  });
});
