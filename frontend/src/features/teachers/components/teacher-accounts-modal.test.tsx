import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { phoneScreen, renderWithProviders } from '@/testing/test-utils';

import type { TeacherAccount } from '../api/create-teacher-accounts';
import { TeacherAccountsModal } from './teacher-accounts-modal';

const accounts: TeacherAccount[] = [
  { teacher: 1, status: 'created', username: 'wangfang', password: 'Xk3-pq9-Lm2', reason: null },
  { teacher: 2, status: 'existed', username: 'liqiang', password: null, reason: null },
];
const names = new Map([
  [1, '王芳'],
  [2, '李强'],
]);

describe('the accounts just opened', () => {
  it('lists each teacher, their username and the password to hand over, once', () => {
    renderWithProviders(<TeacherAccountsModal accounts={accounts} names={names} onClose={vi.fn()} />);
    const table = screen.getByTestId('teacher-accounts');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['姓名', '用户名', '初始密码']);
    const first = within(table).getByText('王芳').closest('tr') as HTMLElement;
    expect(within(first).getAllByRole('cell').map((c) => c.textContent)).toEqual(['王芳', 'wangfang', 'Xk3-pq9-Lm2']);
    const second = within(table).getByText('李强').closest('tr') as HTMLElement;
    expect(second).toHaveTextContent('已有账号');
  });

  it('on a phone puts the username under the name, beside the password', () => {
    phoneScreen();
    renderWithProviders(<TeacherAccountsModal accounts={accounts} names={names} onClose={vi.fn()} />);
    const table = screen.getByTestId('teacher-accounts');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['姓名', '初始密码']);
    const first = within(table).getByText('王芳').closest('tr') as HTMLElement;
    expect(within(first).getByTestId('account-username')).toHaveTextContent('wangfang');
    expect(within(first).getAllByRole('cell')[1]).toHaveTextContent('Xk3-pq9-Lm2');
  });
});
