import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

// Round 34: the province resets a forgotten password from its accounts page, as school HR
// does from a teacher's page: a confirm, then a one-time password shown once. Not its own
// account (the password page, with the current password), not a deactivated one, not a
// teacher account whose teacher has left (the API refuses all three with a 400).

let state: Fe2State;
let resets: number[];

function account(id: number, username: string, extra: Record<string, unknown> = {}) {
  return {
    id, username, first_name: '', last_name: '', email: '', role: 'school_hr', city: null, school: 1,
    training_base: null, teacher: null, teacher_name: null, teacher_school_name: null, teacher_left: false,
    is_active: true, must_change_password: false, last_login: null, ...extra,
  };
}

beforeEach(() => {
  state = makeFe2State();
  state.users.push(
    // The signed-in province's own account (id 1 in the mocks).
    account(1, 'province', { role: 'province', school: null }),
    account(30, 'hr_old', { is_active: false }),
    account(31, 'zhaomin', { role: 'teacher', school: null, teacher: 21, teacher_name: '赵敏', teacher_left: true }),
  );
  resets = [];
  server.use(...fe2Handlers(state));
  server.use(
    http.post('/api/v1/users/:id/reset-password/', ({ params }) => {
      const row = state.users.find((u) => u.id === Number(params.id));
      if (!row) return HttpResponse.json({ detail: 'Not found.' }, { status: 404 });
      resets.push(row.id);
      return HttpResponse.json({ username: row.username, password: 'Ss-once-Xk3pq9' });
    }),
  );
});

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const rowOf = async (username: string) => (await screen.findByText(username)).closest('tr') as HTMLElement;

describe('resetting a password from the accounts page (round 34)', () => {
  it('resets after a confirm and shows the one-time password once', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/accounts');
    const row = await rowOf('hr_a');
    await user.click(within(row).getByRole('button', { name: /重置密码/ }));
    expect(await screen.findByText(/重置 hr_a 的密码/)).toBeInTheDocument();
    expect(resets).toEqual([]); // nothing before the confirm
    await user.click(await screen.findByRole('button', { name: '确定重置' }));
    const shown = await screen.findByTestId('reset-password');
    expect(shown).toHaveTextContent('Ss-once-Xk3pq9');
    expect(resets).toEqual([3]);
    const dialog = shown.closest('.ant-modal') as HTMLElement;
    expect(within(dialog).getByText('密码已重置')).toBeInTheDocument();
    expect(within(dialog).getByTestId('new-username')).toHaveTextContent('hr_a');
    expect(within(dialog).getByText(/只显示这一次/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: /复制|copy/i })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: /知道了/ }));
    await waitFor(() => expect(screen.queryByText('Ss-once-Xk3pq9')).not.toBeInTheDocument());
  });

  it('offers no reset on one’s own, a deactivated or a departed teacher’s account', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/accounts');
    expect(within(await rowOf('base_a')).getByRole('button', { name: /重置密码/ })).toBeInTheDocument();
    for (const username of ['province', 'hr_old', 'zhaomin'])
      expect(within(await rowOf(username)).queryByRole('button', { name: /重置密码/ })).not.toBeInTheDocument();
  });

  it('says why when the server refuses', { timeout: 120_000 }, async () => {
    server.use(
      http.post('/api/v1/users/:id/reset-password/', () =>
        HttpResponse.json({ is_active: ['该账号已停用，请先启用。'] }, { status: 400 }),
      ),
    );
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/accounts');
    await user.click(within(await rowOf('hr_a')).getByRole('button', { name: /重置密码/ }));
    await user.click(await screen.findByRole('button', { name: '确定重置' }));
    expect(await screen.findByText(/该账号已停用/)).toBeInTheDocument();
    expect(screen.queryByTestId('reset-password')).not.toBeInTheDocument();
  });

  it('resets on a phone too', { timeout: 120_000 }, async () => {
    phoneScreen();
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/accounts');
    await user.click(within(await rowOf('base_a')).getByRole('button', { name: /重置密码/ }));
    await user.click(await screen.findByRole('button', { name: '确定重置' }));
    expect(await screen.findByTestId('reset-password')).toHaveTextContent('Ss-once-Xk3pq9');
    expect(resets).toEqual([5]);
  });

  it('reads in English', { timeout: 120_000 }, async () => {
    await i18n.changeLanguage('en');
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/accounts');
    await user.click(within(await rowOf('hr_a')).getByRole('button', { name: /Reset password/ }));
    expect(await screen.findByText(/Reset the password of hr_a\?/)).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Reset' }));
    const dialog = (await screen.findByTestId('reset-password')).closest('.ant-modal') as HTMLElement;
    expect(within(dialog).getByText('Password reset')).toBeInTheDocument();
    expect(within(dialog).getByText(/shown only this once/)).toBeInTheDocument();
    expect(dialog).not.toHaveTextContent(/[\u4e00-\u9fff]/);
  });
});
