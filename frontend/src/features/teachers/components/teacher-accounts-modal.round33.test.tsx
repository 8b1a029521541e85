import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { renderWithProviders } from '@/testing/test-utils';

import type { TeacherAccount } from '../api/create-teacher-accounts';
import { TeacherAccountsModal } from './teacher-accounts-modal';

const names = new Map([
  [1, '王芳'],
  [2, '赵敏'],
]);

describe('a bulk account request with a teacher who has left (round 33)', () => {
  it('shows the accounts made and, on the refused teacher’s row, why there is none', () => {
    const accounts: TeacherAccount[] = [
      { teacher: 1, status: 'created', username: 'wangfang', password: 'Xk3-pq9-Lm2', reason: null },
      { teacher: 2, status: 'refused', username: null, password: null, reason: '赵敏 已离职，不能开设账号。' },
    ];
    renderWithProviders(<TeacherAccountsModal accounts={accounts} names={names} onClose={vi.fn()} />);
    const table = screen.getByTestId('teacher-accounts');
    const made = within(table).getByText('王芳').closest('tr') as HTMLElement;
    expect(made).toHaveTextContent('Xk3-pq9-Lm2');
    const refused = within(table).getByText('赵敏').closest('tr') as HTMLElement;
    expect(refused).toHaveTextContent('赵敏 已离职，不能开设账号。');
    expect(within(refused).queryByText('已有账号')).not.toBeInTheDocument();
    expect(screen.getByTestId('teacher-accounts-refused')).toHaveTextContent('1 名教师未开设账号');
  });

  it('says nothing of refusals when there were none', () => {
    const accounts: TeacherAccount[] = [
      { teacher: 1, status: 'created', username: 'wangfang', password: 'Xk3-pq9-Lm2', reason: null },
    ];
    renderWithProviders(<TeacherAccountsModal accounts={accounts} names={names} onClose={vi.fn()} />);
    expect(screen.queryByTestId('teacher-accounts-refused')).not.toBeInTheDocument();
  });
});
