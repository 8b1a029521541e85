import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, KNOWN_TEACHER_ID, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

let state: Fe2State;

function install(status: string) {
  state = makeFe2State();
  state.bases[0] = { ...state.bases[0], status };
  server.use(...fe2Handlers(state));
  // Base staff's stats are their own base only (as the API scopes them).
  server.use(
    http.get('/api/v1/training-bases/stats/', () =>
      HttpResponse.json([
        {
          base: { id: 1, code: 'TB01', name: state.bases[0].name, status, city: '南昌' },
          programs: 2, programs_run: 2, completions: 1, teachers_trained: 1, passed: 1, pass_rate: 1,
          qualified_through: 0,
        },
      ]),
    ),
  );
}

describe('logging completions at a base that is not operating (round 33)', () => {
  beforeEach(() => install('active'));

  it('offers logging and the sheet at an active base', { timeout: 120_000 }, async () => {
    loginAs('base_a');
    renderApp('/training');
    await screen.findByText('C-001');
    await waitFor(() => expect(screen.getByRole('button', { name: /登记结业/ })).toBeInTheDocument());
    expect(screen.getByRole('button', { name: /导入结业名单/ })).toBeInTheDocument();
    expect(screen.queryByTestId('base-not-operating')).not.toBeInTheDocument();
  });

  it.each([
    ['suspended', '暂停'],
    ['planned', '筹建'],
  ])('a %s base is told why and offered no logging', { timeout: 120_000 }, async (status, word) => {
    install(status);
    loginAs('base_a');
    renderApp('/training');
    const notice = await screen.findByTestId('base-not-operating');
    expect(notice).toHaveTextContent(word);
    expect(notice).toHaveTextContent('运行中');
    await screen.findByText('C-001');
    expect(screen.queryByRole('button', { name: /登记结业/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /导入结业名单/ })).not.toBeInTheDocument();
    // A completion already logged stays correctable (its certificate number, its result).
    const row = screen.getByText('C-001').closest('tr') as HTMLElement;
    expect(within(row).getByRole('button', { name: /编\s*辑/ })).toBeInTheDocument();
  });

  it('says it in English too', { timeout: 120_000 }, async () => {
    install('suspended');
    loginAs('base_a');
    renderApp('/training');
    await screen.findByTestId('base-not-operating');
    await i18n.changeLanguage('en');
    try {
      await waitFor(() => expect(screen.getByTestId('base-not-operating')).toHaveTextContent(/suspended/i));
      expect(screen.getByTestId('base-not-operating')).toHaveTextContent(/operating/);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});

describe('the completion dialog on a phone (round 33)', () => {
  beforeEach(() => install('active'));

  it('gives the programme\'s hours and dates a line each (the label 学时 no longer breaks)', { timeout: 120_000 }, async () => {
    phoneScreen();
    loginAs('base_a');
    const user = userEvent.setup({ delay: null });
    renderApp('/training');
    await screen.findByText('C-001');
    await user.click(await screen.findByRole('button', { name: /登记结业/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('教师身份证号'));
    await user.paste(KNOWN_TEACHER_ID);
    await user.keyboard('{Enter}');
    await within(dialog).findByTestId('teacher-match');
    await user.click(within(dialog).getByLabelText('培训项目'));
    await user.click(await screen.findByTitle('教学能力提升'));
    const hours = await within(dialog).findByText('学时', { selector: '.ant-descriptions-item-label' });
    const dates = within(dialog).getByText('项目日期', { selector: '.ant-descriptions-item-label' });
    expect(hours.closest('tr')).not.toBe(dates.closest('tr'));
  });
});
