import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

let state: Fe2State;

/** A teacher's account as the API reads it: its teacher's name and school, and whether they left. */
function teacherAccount(id: number, username: string, name: string, left: boolean) {
  return {
    id, username, first_name: '', last_name: '', email: '', role: 'teacher', city: null, school: null,
    training_base: null, teacher: id, teacher_name: name, teacher_school_name: '江西示范职业技术学院',
    teacher_left: left, is_active: true, must_change_password: false, last_login: null,
  };
}

beforeEach(() => {
  state = makeFe2State();
  state.users.push(teacherAccount(20, 'wangfang', '王芳', false), teacherAccount(21, 'zhaomin', '赵敏', true));
  server.use(...fe2Handlers(state));
});

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('teacher accounts in the province list (round 33)', () => {
  it('names the teacher and school of a teacher account, and says when the teacher has left', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/accounts');
    const row = (await screen.findByText('wangfang')).closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('王芳 · 江西示范职业技术学院');
    expect(within(row).getByText('启用')).toBeInTheDocument();
    const gone = screen.getByText('zhaomin').closest('tr') as HTMLElement;
    expect(within(gone).getByText('教师已离职')).toBeInTheDocument();
    expect(within(gone).queryByText('启用')).not.toBeInTheDocument();
  });

  it('shows a teacher account’s teacher in its edit dialog, where the scope field would be', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/accounts');
    const row = (await screen.findByText('wangfang')).closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('account-teacher')).toHaveTextContent('王芳 · 江西示范职业技术学院');
  });

  it('says it in English too', { timeout: 120_000 }, async () => {
    await i18n.changeLanguage('en');
    loginAs('province');
    renderApp('/accounts');
    const gone = (await screen.findByText('zhaomin')).closest('tr') as HTMLElement;
    expect(within(gone).getByText('Teacher has left')).toBeInTheDocument();
  });
});
