import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 47: "New mentor" posted the mentor, then the appointment. A refused appointment left
// the mentor stored; the corrected name and enterprise of the next save were never sent.
// Now the mentor goes with the appointment in one request (both or neither).

const ID = '360102198506150011';
let state: Fe2State;

beforeEach(() => {
  state = makeFe2State();
  server.use(...fe2Handlers(state));
});

type User = ReturnType<typeof userEvent.setup>;

async function replace(user: User, field: HTMLElement, value: string) {
  await user.click(field);
  await user.keyboard('{Control>}a{/Control}{Backspace}');
  await user.paste(value);
  await user.keyboard('{Tab}');
}

async function openNewMentor(user: User) {
  loginAs('hr_a');
  renderApp('/mentors');
  await screen.findByText('洪都航空');
  await user.click(screen.getByRole('button', { name: /新增聘任/ }));
  const dialog = await screen.findByRole('dialog');
  await user.click(within(dialog).getByText('新导师'));
  return dialog;
}

describe('a new mentor with the appointment', () => {
  it('stores the corrected details after a refused appointment, and nothing before', { timeout: 120_000 }, async () => {
    const user = userEvent.setup({ delay: null });
    const dialog = await openNewMentor(user);
    await replace(user, within(dialog).getByLabelText('姓名'), '刘工');
    await replace(user, within(dialog).getByLabelText('身份证号'), ID);
    await replace(user, within(dialog).getByLabelText('所在企业'), '旧企业');
    await replace(user, within(dialog).getByLabelText('学时'), '24');
    await replace(user, within(dialog).getByLabelText('开始日期'), '2026-03-01');
    await replace(user, within(dialog).getByLabelText('结束日期'), '2026-02-01');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('The end date cannot be before the start date.')).toBeInTheDocument();
    expect(state.mentors.filter((m) => m.id_number === ID)).toHaveLength(0);

    await replace(user, within(dialog).getByLabelText('姓名'), '刘建国');
    await replace(user, within(dialog).getByLabelText('所在企业'), '江西铜业');
    await replace(user, within(dialog).getByLabelText('结束日期'), '2026-06-30');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const posted = state.sent.filter((s) => s.method === 'POST');
    expect(posted.map((s) => new URL(s.url).pathname)).toEqual(['/api/v1/mentor-appointments/', '/api/v1/mentor-appointments/']);
    expect(posted[1].body).toMatchObject({
      new_mentor: { name: '刘建国', id_number: ID, enterprise: '江西铜业' },
      start_on: '2026-03-01',
      end_on: '2026-06-30',
      hours: 24,
    });
    const stored = state.mentors.filter((m) => m.id_number === ID);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: '刘建国', enterprise: '江西铜业' });
  });

  it('Enter that confirms the start date typed does not save the appointment', { timeout: 120_000 }, async () => {
    const user = userEvent.setup({ delay: null });
    const dialog = await openNewMentor(user);
    const start = within(dialog).getByLabelText('开始日期');
    await user.click(start);
    await user.paste('2026-03-01');
    // The browser submits the form on an Enter whose keydown goes on (implicit submission).
    expect(fireEvent.keyDown(start, { key: 'Enter', code: 'Enter' })).toBe(false);
    await waitFor(() => expect(start).toHaveValue('2026-03-01'));
    expect(state.sent.filter((s) => s.method === 'POST')).toHaveLength(0);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
