import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

let state: Fe2State;

beforeEach(() => {
  state = makeFe2State();
  server.use(...fe2Handlers(state));
});

/** The province's accounts page with the new-account dialog open. */
async function openNewAccount() {
  loginAs('province');
  const user = userEvent.setup({ delay: null });
  renderApp('/accounts');
  await screen.findByText('hr_a');
  await user.click(screen.getByRole('button', { name: /新增账号/ }));
  return { user, dialog: await screen.findByRole('dialog') };
}

describe('accounts', () => {
  it('lists accounts with their scope and filters by role', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/accounts');
    expect(await screen.findByText('hr_a')).toBeInTheDocument();
    expect(screen.getByText('base_a')).toBeInTheDocument();
    expect(await screen.findByText('江西示范职业技术学院')).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: '角色' }));
    await user.click((await screen.findAllByTitle('培训基地')).at(-1)!);
    await waitFor(() => expect(screen.queryByText('hr_a')).not.toBeInTheDocument());
    expect(screen.getByText('base_a')).toBeInTheDocument();
  });

  it('shows who, the role and whether it is on first on a phone, the name and scope under them', { timeout: 120_000 }, async () => {
    phoneScreen();
    loginAs('province');
    renderApp('/accounts');
    const row = (await screen.findByText('hr_a')).closest('tr') as HTMLElement;
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent).slice(0, 3)).toEqual(['用户名', '角色', '状态']);
    expect(within(row).getByTestId('account-name')).toHaveTextContent('王人事');
    await waitFor(() => expect(within(row).getByTestId('account-scope')).toHaveTextContent('江西示范职业技术学院'));
  });

  it('creates a school HR account with its school; a taken username shows on its field', { timeout: 120_000 }, async () => {
    const { user, dialog } = await openNewAccount();
    await user.click(within(dialog).getByLabelText('用户名'));
    await user.paste('hr_a');
    await user.click(within(dialog).getByLabelText('学校'));
    await user.click((await screen.findAllByTitle('九江中等专业学校')).at(-1)!);
    await user.click(within(dialog).getByLabelText('初始密码'));
    await user.paste('Str0ng-pass-2026');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('A user with that username already exists.')).toBeInTheDocument();

    const username = within(dialog).getByLabelText('用户名');
    await user.clear(username);
    await user.paste('hr_new');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(state.sent.at(-1)?.body).toMatchObject({
      username: 'hr_new',
      role: 'school_hr',
      school: 2,
      city: null,
      training_base: null,
      password: 'Str0ng-pass-2026',
    });
    expect(await screen.findByText('hr_new')).toBeInTheDocument();
  });

  it('creates an expert account, whose school is optional, and names the role in the list', { timeout: 120_000 }, async () => {
    const { user, dialog } = await openNewAccount();
    await user.click(within(dialog).getByLabelText('角色'));
    // A teacher's account is opened from the teacher list, not here.
    expect((await screen.findAllByTitle('教师账号在教师名单中开通')).at(-1)).toHaveClass('ant-select-item-option-disabled');
    await user.click((await screen.findAllByTitle('认定专家')).at(-1)!);
    expect(await within(dialog).findByText('专家所在学校：不审核本校的申请，可不填')).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText('用户名'));
    await user.paste('expert_new');
    await user.click(within(dialog).getByLabelText('初始密码'));
    await user.paste('Str0ng-pass-2026');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(state.sent.at(-1)?.body).toMatchObject({ username: 'expert_new', role: 'expert', school: null, city: null });
    const row = (await screen.findByText('expert_new')).closest('tr') as HTMLElement;
    expect(within(row).getByText('认定专家')).toBeInTheDocument();
  });

  it('deactivates an account (DELETE) after confirming', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/accounts');
    const row = (await screen.findByText('base_a')).closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: /停\s*用/ }));
    await user.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    expect(await within(row).findByText('已停用')).toBeInTheDocument();
    expect(state.users.find((u) => u.username === 'base_a')?.is_active).toBe(false);
  });

  it('is the province only', { timeout: 120_000 }, async () => {
    loginAs('hr_a');
    renderApp('/accounts');
    expect(await screen.findByText('403')).toBeInTheDocument();
  });
});
