import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

let state: Fe2State;

beforeEach(() => {
  state = makeFe2State();
  server.use(...fe2Handlers(state));
});

describe('settings', () => {
  it('shows the targets, where the province stands and that the deadline passed', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/settings');
    expect(await screen.findByText('64.0%')).toBeInTheDocument();
    expect(screen.getAllByText('已过截止日期')).toHaveLength(2);
    expect(screen.getByDisplayValue('60')).toBeInTheDocument();
    expect(screen.getAllByDisplayValue('20').length).toBeGreaterThan(0);
    // Nobody has changed either target yet: it says so rather than "—, —".
    expect(screen.getAllByText('初始值，尚无人修改')).toHaveLength(2);
  });

  it('names who changed a target last, and when', { timeout: 120_000 }, async () => {
    loginAs('province');
    Object.assign(state.targets[0], { updated_by: '省厅管理员', updated_at: '2026-11-20T09:30:00+08:00' });
    renderApp('/settings');
    expect(await screen.findByText('最近修改：省厅管理员，2026-11-20')).toBeInTheDocument();
    expect(screen.getAllByText('初始值，尚无人修改')).toHaveLength(1);
  });

  it('asks for the practical-hours share as "at least", as it is met at the target itself', { timeout: 120_000 }, async () => {
    state.targets.push({
      code: 'practical_hours_share', value: '0.5000', deadline: '2026-12-31', deadline_passed: false, current: 0.533,
      updated_by: null, updated_at: null, version: 1,
    });
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/settings');
    const card = (await screen.findByText('实践性教学课时占比目标')).closest('.ant-card') as HTMLElement;
    expect(within(card).getByText('/ ≥ 50%')).toBeInTheDocument();
    expect(within(card).getByText(/不低于 50%/)).toBeInTheDocument();
    expect(card).not.toHaveTextContent(/须超过|严格大于/);
    const value = within(card).getByRole('spinbutton', { name: /占比不低于/ });
    await user.clear(value);
    await user.paste('55');
    await user.click(within(card).getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('已保存：目标为不低于 55%')).toBeInTheDocument();
    // The dual-qualified ratio stays "more than".
    const ratio = screen.getByText('“双师型”教师占比目标').closest('.ant-card') as HTMLElement;
    expect(within(ratio).getByText('/ > 60%')).toBeInTheDocument();
  });

  it('saves a target with the version read', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/settings');
    const card = (await screen.findByText('“双师型”教师占比目标')).closest('.ant-card') as HTMLElement;
    const value = within(card).getByRole('spinbutton', { name: /占比须超过/ });
    await user.clear(value);
    await user.paste('65');
    await user.click(within(card).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(state.targets[0].value).toBe(0.65));
    expect(state.sent.at(-1)?.body).toEqual({ value: 0.65, deadline: '2025-12-31', version: 1 });
    expect(await screen.findByText('已保存：占比目标为超过 65%')).toBeInTheDocument();
  });

  it('refuses a percent over 100 instead of clamping it', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/settings');
    const card = (await screen.findByText('“双师型”教师占比目标')).closest('.ant-card') as HTMLElement;
    const value = within(card).getByRole('spinbutton', { name: /占比须超过/ });
    await user.clear(value);
    await user.paste('160');
    await user.click(within(card).getByRole('button', { name: /保\s*存/ }));
    expect(await within(card).findByText('请填写 0 到 100 之间的百分数，如 60')).toBeInTheDocument();
    expect(state.sent.filter((s) => s.body && 'version' in (s.body as object))).toHaveLength(0);
  });

  it('asks before leaving with unsaved changes', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp('/settings');
    const card = (await screen.findByText('“双师型”教师占比目标')).closest('.ant-card') as HTMLElement;
    const value = within(card).getByRole('spinbutton', { name: /占比须超过/ });
    await user.clear(value);
    await user.paste('70');
    await user.click(screen.getByRole('link', { name: '教师' }));
    expect((await screen.findAllByText('有未保存的修改')).length).toBeGreaterThan(0);
    expect(router.state.location.pathname).toBe('/settings');
    await user.click(screen.getByRole('button', { name: '离 开' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/teachers'));
  });

  it('stores changed thresholds only, after confirming', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/settings');
    const days = await screen.findByLabelText('企业实践最少天数');
    await user.clear(days);
    await user.paste('200');
    await user.click(screen.getByRole('button', { name: /保存为新版本/ }));
    expect((await screen.findAllByText('保存 1 项修改为新版本规则？')).length).toBeGreaterThan(0);
    expect(screen.getAllByText('企业实践最少天数: 180 → 200').length).toBeGreaterThan(0);
    // The server's preview is in the confirmation: one school would fall below the target.
    const preview = state.sent.find((s) => s.url.endsWith('/rule-profiles/preview/'));
    expect(preview?.body).toEqual({ values: { practice_min_days: 200 } });
    const shown = within(screen.getAllByRole('dialog').at(-1) as HTMLElement).getByTestId('preview-result');
    expect(shown).toHaveTextContent(/将变为未达标的学校\s*1/);
    expect(within(shown).getByText('64.0% → 58.0%')).toBeInTheDocument();
    const confirm = screen.getAllByRole('dialog').at(-1) as HTMLElement;
    await user.click(within(confirm).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(state.profile.version).toBe(1));
    expect(state.sent.at(-1)?.body).toEqual({ values: { practice_min_days: 200 }, note: '', base_version: 0 });
  });

  it('refuses to overwrite a profile someone else saved meanwhile', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/settings');
    const hours = await screen.findByLabelText('培训最少学时');
    state.profile = { version: 3, values: { ...state.profile.values, training_min_hours: 48 } };
    await user.clear(hours);
    await user.paste('32');
    await user.click(screen.getByRole('button', { name: /保存为新版本/ }));
    const confirm = (await screen.findAllByRole('dialog')).at(-1) as HTMLElement;
    await user.click(within(confirm).getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText(/其他人已修改了这些设置/)).toBeInTheDocument();
    // The server refused (409): nothing stored over the newer version.
    expect(state.sent.filter((s) => s.url.endsWith('/rule-profiles/')).at(-1)?.body).toMatchObject({ base_version: 0 });
    expect(state.profile.version).toBe(3);
    await waitFor(() => expect(screen.getByLabelText('培训最少学时')).toHaveValue('48'));
  });

  it('previews a ratio target and lists the schools that would change', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/settings');
    const card = (await screen.findByText('“双师型”教师占比目标')).closest('.ant-card') as HTMLElement;
    const value = within(card).getByRole('spinbutton', { name: /占比须超过/ });
    await user.clear(value);
    await user.paste('70');
    await user.click(within(card).getByRole('button', { name: '预览影响' }));
    expect(await within(card).findByTestId('preview-result')).toHaveTextContent('1 → 0');
    expect(state.sent.at(-1)?.body).toEqual({ values: {}, target: 0.7 });
    // Nothing was saved.
    expect(state.targets[0].value).toBe('0.6000');
  });

  it('is the province only', { timeout: 120_000 }, async () => {
    loginAs('base_a');
    renderApp('/settings');
    expect(await screen.findByText('403')).toBeInTheDocument();
  });
});
