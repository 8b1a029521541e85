import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

// fireEvent.change, not user.type: one render per field instead of one per keystroke.
const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function fillRequired(staffNo: string, idNumber: string) {
  await screen.findByLabelText('姓名');
  fill('姓名', '新教师');
  fill('工号', staffNo);
  fill('身份证号', idNumber);
}

describe('teacher form', () => {
  it('fills gender and birth date from the ID number and saves', async () => {
    loginAs('hr_a');
    const { router } = renderApp('/teachers/new');
    const user = userEvent.setup({ delay: null });
    // 11010519491231002X: a valid check digit, female, born 1949-12-31.
    await fillRequired('N001', '11010519491231002X');
    expect(screen.getByLabelText('出生日期')).toHaveValue('1949-12-31');
    await user.click(screen.getByLabelText('学历'));
    await user.click(await screen.findByTitle('本科'));
    await user.type(screen.getByLabelText('入职日期'), '2024-09-01{enter}');
    await user.click(screen.getByRole('button', { name: '保 存' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/teachers\/\d+$/));
  });

  it('shows server validation errors on the right fields', async () => {
    loginAs('hr_a');
    renderApp('/teachers/new');
    const user = userEvent.setup({ delay: null });
    // T0001 exists; the mock refuses ID numbers ending in 0000.
    await fillRequired('T0001', '110105194912310000');
    await user.click(screen.getByLabelText('学历'));
    await user.click(await screen.findByTitle('本科'));
    await user.type(screen.getByLabelText('入职日期'), '2024-09-01{enter}');
    // Client-side check catches the bad check digit first.
    await user.click(screen.getByRole('button', { name: '保 存' }));
    expect(await screen.findByText('身份证号 ✗')).toBeInTheDocument();

    fill('身份证号', '11010519491231002X');
    await user.click(screen.getByRole('button', { name: '保 存' }));
    expect(await screen.findByText('工号已存在。')).toBeInTheDocument();
  });
});
