import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { markSignedIn, type Me } from '@/lib/auth';
import { users } from '@/testing/mocks/data';
import { db } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const base = users.hr_a;
const teacher: Me = {
  ...base, id: 40, username: 't_wang', full_name: '王小明', role: 'teacher', teacher: 1, teacher_name: '王小明',
};
const expert: Me = { ...base, id: 41, username: 'expert_a', full_name: '专家甲', role: 'expert', school: null, school_name: null };
const everyone: Me[] = [users.province, users.city_nc, users.hr_a, users.base_a, teacher, expert];

function signIn(me: Me) {
  db.me = me;
  markSignedIn(true);
}

describe('the user menu offers a password change to every role', () => {
  it.each(everyone.map((me) => [me.role, me] as const))('%s: 修改密码 opens /password', async (_role, me) => {
    phoneScreen();
    signIn(me);
    // The page behind does not matter here: answer whatever it asks with nothing.
    server.use(http.get(`${API}/*`, () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })));
    const { router } = renderApp('/notifications');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('user-menu'));
    await user.click(await screen.findByText('修改密码'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/password'));
    expect(await screen.findByTestId('password-form')).toBeInTheDocument();
  });
});

describe('an account that must change its password first', () => {
  it('shows no bell or jobs button and polls neither (the API refuses both until then)', async () => {
    signIn({ ...teacher, must_change_password: true });
    const asked: string[] = [];
    server.use(
      http.get(`${API}/notifications/unread-count/`, () => {
        asked.push('unread-count');
        return HttpResponse.json({ detail: 'password_change_required' }, { status: 403 });
      }),
      http.get(`${API}/jobs/`, () => {
        asked.push('jobs');
        return HttpResponse.json({ detail: 'password_change_required' }, { status: 403 });
      }),
    );
    const { router } = renderApp('/me');
    expect(await screen.findByTestId('password-form')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/password');
    await screen.findByTestId('user-menu');
    expect(screen.queryByTestId('notification-bell')).not.toBeInTheDocument();
    expect(screen.queryByTestId('jobs-button')).not.toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toEqual([]);
  });

  it('gets them back once the password is changed', async () => {
    signIn({ ...users.hr_a, must_change_password: true });
    server.use(
      http.post(`${API}/auth/password/`, () => {
        db.me = { ...users.hr_a, must_change_password: false };
        return HttpResponse.json(db.me);
      }),
    );
    renderApp('/password');
    const user = userEvent.setup({ delay: null });
    const form = await screen.findByTestId('password-form');
    expect(screen.queryByTestId('notification-bell')).not.toBeInTheDocument();
    await user.type(form.querySelector('#old_password') as HTMLElement, 'initial-pass');
    await user.type(form.querySelector('#new_password') as HTMLElement, 'a-new-pass-1');
    await user.type(form.querySelector('#confirm') as HTMLElement, 'a-new-pass-1');
    await user.click(screen.getByRole('button', { name: '保存新密码' }));
    expect(await screen.findByTestId('notification-bell')).toBeInTheDocument();
    expect(screen.getByTestId('jobs-button')).toBeInTheDocument();
  });
});
