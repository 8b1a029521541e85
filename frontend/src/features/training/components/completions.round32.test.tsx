import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, KNOWN_TEACHER_ID, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const DUPLICATE = 'This teacher already has a completion of this programme.';

let state: Fe2State;

beforeEach(() => {
  state = makeFe2State();
  // One completion the province voided (DESIGN §4): it never counts, and only the province
  // changes or deletes it (the API answers base staff 403).
  state.completions.push({
    ...state.completions[0],
    id: 2,
    teacher: 8,
    teacher_name: '王强',
    certificate_no: 'C-002',
    voided: true,
    void_reason: '签到表造假',
  } as Fe2State['completions'][number]);
  server.use(...fe2Handlers(state));
  // The API keys a duplicate (or voided) completion's error on `teacher`, a field the dialog
  // does not show (installed last: it answers first).
  server.use(
    http.post('/api/v1/training-completions/', () => HttpResponse.json({ teacher: [DUPLICATE] }, { status: 400 })),
  );
});

describe('completions, for base staff (round 32)', () => {
  it('shows a voided completion as voided, with no edit or delete the API would refuse', { timeout: 120_000 }, async () => {
    loginAs('base_a');
    renderApp('/training');
    const voided = (await screen.findByText('C-002')).closest('tr') as HTMLElement;
    expect(within(voided).getByText('已作废')).toBeInTheDocument();
    expect(within(voided).queryByText('通过')).not.toBeInTheDocument();
    expect(within(voided).queryByRole('button', { name: /编\s*辑/ })).not.toBeInTheDocument();
    expect(within(voided).queryByRole('button', { name: /删\s*除/ })).not.toBeInTheDocument();
    // An ordinary row keeps its actions.
    const live = screen.getByText('C-001').closest('tr') as HTMLElement;
    expect(within(live).getByRole('button', { name: /编\s*辑/ })).toBeInTheDocument();
  });

  it('puts "already logged" on the programme, without the API field name', { timeout: 120_000 }, async () => {
    loginAs('base_a');
    const user = userEvent.setup({ delay: null });
    renderApp('/training');
    await screen.findByText('C-001');
    await user.click(screen.getByRole('button', { name: /登记结业/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('教师身份证号'));
    await user.paste(KNOWN_TEACHER_ID);
    await user.keyboard('{Enter}');
    await within(dialog).findByTestId('teacher-match');
    await user.click(within(dialog).getByLabelText('培训项目'));
    await user.click(await screen.findByTitle('教学能力提升'));
    await waitFor(() => expect(within(dialog).getByLabelText('学时')).toHaveValue('40'));
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText(DUPLICATE)).toBeInTheDocument();
    expect(within(dialog).queryByText(/teacher:/)).not.toBeInTheDocument();
  });
});
