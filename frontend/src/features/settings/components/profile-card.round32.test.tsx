import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const API = '/api/v1';
let state: Fe2State;

beforeEach(() => {
  state = makeFe2State();
  state.profile.values = { ...state.profile.values, field_match: true };
  server.use(...fe2Handlers(state));
});

describe('rule profile (round 32)', () => {
  it('lets the province turn the field-category match off (DESIGN §4 rule switch)', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/settings');
    const toggle = await screen.findByRole('switch', { name: '技能证书须与教师专业大类一致' });
    expect(toggle).toBeChecked();
    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: /保存为新版本/ }));
    const confirm = (await screen.findAllByRole('dialog')).at(-1) as HTMLElement;
    expect(within(confirm).getByText('技能证书须与教师专业大类一致: 是 → 否')).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(state.profile.version).toBe(1));
    expect(state.sent.at(-1)?.body).toEqual({ values: { field_match: false }, note: '', base_version: 0 });
  });

  it('keeps the note within the API limit and shows its refusal under the note', { timeout: 120_000 }, async () => {
    server.use(
      http.post(`${API}/rule-profiles/`, () =>
        HttpResponse.json({ note: ['请确保这个字段不能超过 200 个字符。'] }, { status: 400 }),
      ),
    );
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/settings');
    const note = await screen.findByLabelText('修改说明');
    expect(note).toHaveAttribute('maxlength', '200');
    const days = screen.getByLabelText('企业实践最少天数');
    await user.clear(days);
    await user.paste('200');
    await user.click(screen.getByRole('button', { name: /保存为新版本/ }));
    const confirm = (await screen.findAllByRole('dialog')).at(-1) as HTMLElement;
    await user.click(within(confirm).getByRole('button', { name: /保\s*存/ }));
    const item = (await screen.findByText('请确保这个字段不能超过 200 个字符。')).closest('.ant-form-item') as HTMLElement;
    expect(within(item).getByLabelText('修改说明')).toBeInTheDocument();
  });

  it('does not offer a window longer than the engine allows', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/settings');
    expect(await screen.findByLabelText('企业实践统计年限（年）')).toHaveAttribute('aria-valuemax', '60');
  });
});
