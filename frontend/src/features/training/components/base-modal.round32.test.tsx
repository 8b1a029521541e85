import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

import { todayInChina } from '@/lib/dates';
import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State } from '@/testing/mocks/fe2-handlers';
import { paginate } from '@/testing/mocks/handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// DESIGN §3: a base's status is dated. The form may say from which day a new status holds.
let sent: Record<string, unknown>[];

beforeEach(() => {
  sent = [];
  const state = makeFe2State();
  const bases = state.bases.map((b) => ({
    ...b,
    status_history:
      b.status === 'active'
        ? [
            { status: 'planned', effective_on: '2023-01-10', reason: '' },
            { status: 'active', effective_on: '2023-12-01', reason: '' },
          ]
        : [{ status: 'planned', effective_on: '2026-01-05', reason: '' }],
  }));
  server.use(...fe2Handlers(state));
  server.use(
    http.get('/api/v1/training-bases/', ({ request }) => HttpResponse.json(paginate(request, bases))),
    http.patch('/api/v1/training-bases/:id/', async ({ params, request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      sent.push(body);
      if (body.effective_on === '1949-12-31') {
        return HttpResponse.json({ effective_on: ['Use a date between 1950 and 2100.'] }, { status: 400 });
      }
      const base = bases.find((b) => b.id === Number(params.id));
      return HttpResponse.json({ ...base, ...body, version: (base?.version ?? 0) + 1 });
    }),
  );
});

function fillDate(input: HTMLElement, value: string) {
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

async function editBase(name: string) {
  const user = userEvent.setup({ delay: null });
  const row = (await screen.findByText(name)).closest('tr') as HTMLElement;
  await user.click(within(row).getByRole('button', { name: '编辑' }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByDisplayValue(name);
  return { user, dialog };
}

async function chooseStatus(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, label: string) {
  await user.click(within(dialog).getByLabelText('状态'));
  const options = await screen.findAllByTitle(label);
  await user.click(options.at(-1) as HTMLElement);
}

describe('a training base\'s status change, dated (round 32)', () => {
  it('records a suspension from a past day, the old status holding before it', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/training');
    const { user, dialog } = await editBase('南昌智能制造培训基地');
    // No change of status, no date to give.
    expect(within(dialog).queryByLabelText('生效日期')).not.toBeInTheDocument();

    await chooseStatus(user, dialog, '暂停');
    const field = await within(dialog).findByLabelText('生效日期');
    expect(field).toHaveValue(todayInChina().format('YYYY-MM-DD'));
    expect(within(dialog).getByText(/此前仍按原状态/)).toBeInTheDocument();
    fillDate(field, '2025-06-30');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ status: 'suspended', effective_on: '2025-06-30' });
  });

  it('sends no date when the status stays', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/training');
    const { user, dialog } = await editBase('南昌智能制造培训基地');
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '南昌智能制造基地' } });
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).not.toHaveProperty('effective_on');
  });

  it('shows the API\'s refusal of the date under the field', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/training');
    const { user, dialog } = await editBase('南昌智能制造培训基地');
    await chooseStatus(user, dialog, '暂停');
    fillDate(await within(dialog).findByLabelText('生效日期'), '1949-12-31');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    const message = await within(dialog).findByText('Use a date between 1950 and 2100.');
    expect(message.closest('.ant-form-item')).toContainElement(within(dialog).getByLabelText('生效日期'));
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('dates a first activation by its approval date alone', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/training');
    const { user, dialog } = await editBase('九江职教一体化基地');
    await chooseStatus(user, dialog, '运行');
    // approved_on is the day it became active (DESIGN §3): one date, not two that disagree.
    expect(within(dialog).queryByLabelText('生效日期')).not.toBeInTheDocument();
    fillDate(within(dialog).getByLabelText('批准日期'), '2024-03-01');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ status: 'active', approved_on: '2024-03-01' });
    expect(sent[0]).not.toHaveProperty('effective_on');
  });

  it('names the date in English', { timeout: 120_000 }, async () => {
    loginAs('province');
    await i18n.changeLanguage('en');
    try {
      renderApp('/training');
      const user = userEvent.setup({ delay: null });
      const row = (await screen.findByText('南昌智能制造培训基地')).closest('tr') as HTMLElement;
      await user.click(within(row).getByRole('button', { name: 'Edit' }));
      const dialog = await screen.findByRole('dialog');
      await user.click(within(dialog).getByLabelText('Status'));
      const options = await screen.findAllByTitle('Suspended');
      await user.click(options.at(-1) as HTMLElement);
      // The field comes with the form's re-render after the choice: found, not got.
      expect(await within(dialog).findByLabelText('Effective from')).toBeInTheDocument();
      expect(await within(dialog).findByText(/old status holds before/)).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
