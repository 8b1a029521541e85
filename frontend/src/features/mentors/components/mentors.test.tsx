import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, KNOWN_MENTOR_ID, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

let state: Fe2State;

beforeEach(() => {
  state = makeFe2State();
  server.use(...fe2Handlers(state));
});

async function pick(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, option: string) {
  await user.click(field);
  const choices = await screen.findAllByTitle(option);
  await user.click(choices[choices.length - 1]);
}

async function typeDate(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, value: string) {
  await user.click(field);
  await user.paste(value);
  await user.keyboard('{Tab}');
}

describe('mentors, for school HR', () => {
  it('shows counts by mode, appointments and mentors', { timeout: 120_000 }, async () => {
    loginAs('hr_a');
    renderApp('/mentors');
    expect(await screen.findByText('可按兼职教师认定')).toBeInTheDocument();
    expect(await screen.findByText('洪都航空')).toBeInTheDocument();
    expect(screen.getAllByText('宋立新').length).toBeGreaterThan(0);
    expect(screen.getAllByText('兼职任教').length).toBeGreaterThan(0);
  });

  it('appoints a registered mentor found by ID number; an overlap shows on the start date', { timeout: 120_000 }, async () => {
    loginAs('hr_a');
    const user = userEvent.setup({ delay: null });
    renderApp('/mentors');
    await screen.findByText('洪都航空');
    await user.click(screen.getByRole('button', { name: /新增聘任/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('身份证号'));
    await user.paste(KNOWN_MENTOR_ID);
    await user.keyboard('{Enter}');
    expect(await within(dialog).findByText('找到导师：刘秀英（江铃汽车）')).toBeInTheDocument();
    expect(state.sent.at(-1)).toMatchObject({ body: { id_number: KNOWN_MENTOR_ID } });
    expect(state.sent.at(-1)?.url).not.toContain(KNOWN_MENTOR_ID);

    // The mock already has this mentor teaching here: the server refuses the overlap.
    state.appointments.push({ ...state.appointments[0], id: 2, mentor: 2, mentor_name: '刘秀英' });
    await user.click(within(dialog).getByLabelText('学时'));
    await user.paste('16');
    await typeDate(user, within(dialog).getByLabelText('开始日期'), '2026-09-01');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText(/overlaps these dates/)).toBeInTheDocument();
    const posted = state.sent.filter((s) => s.method === 'POST' && s.url.endsWith('/mentor-appointments/'));
    expect(posted.at(-1)?.body).toMatchObject({ mentor_id_number: KNOWN_MENTOR_ID, mode: 'teaching', hours: 16, start_on: '2026-09-01' });

    // Another mode does not clash.
    await pick(user, within(dialog).getByLabelText('方式'), '联合研究');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('registers a new mentor with the appointment, in one request', { timeout: 120_000 }, async () => {
    loginAs('hr_a');
    const user = userEvent.setup({ delay: null });
    renderApp('/mentors');
    await screen.findByText('洪都航空');
    await user.click(screen.getByRole('button', { name: /新增聘任/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByText('新导师'));
    await user.click(within(dialog).getByLabelText('姓名'));
    await user.paste('赵工');
    await user.click(within(dialog).getByLabelText('身份证号'));
    await user.paste('360102198506150011');
    await user.click(within(dialog).getByLabelText('所在企业'));
    await user.paste('江西铜业');
    await user.click(within(dialog).getByLabelText('学时'));
    await user.paste('24');
    await typeDate(user, within(dialog).getByLabelText('开始日期'), '2026-09-01');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const posted = state.sent.filter((s) => s.method === 'POST');
    expect(posted).toHaveLength(1);
    expect(posted[0].url).toMatch(/\/mentor-appointments\/$/);
    expect(posted[0].body).toMatchObject({
      new_mentor: { name: '赵工', id_number: '360102198506150011', enterprise: '江西铜业', category: 'engineer' },
      hours: 24,
    });
  });
});

describe('mentors, for the province', () => {
  it('shows counts per school', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/mentors');
    expect(await screen.findByText('江西示范职业技术学院', { selector: 'td' })).toBeInTheDocument();
  });

  it('shows each mentor with the school or the enterprise under the name on a phone', { timeout: 120_000 }, async () => {
    phoneScreen();
    loginAs('province');
    renderApp('/mentors');
    const [counts, appointments, mentors] = await waitFor(() => {
      const tables = screen.getAllByRole('table');
      expect(tables).toHaveLength(3); // the counts per school, the appointments, the mentors
      return tables;
    });
    const headersOf = (table: HTMLElement) => within(table).getAllByRole('columnheader').map((h) => h.textContent);
    // The counts: the mentors in force and the part-time track next to the school, the
    // counts by mode under its name.
    await within(counts).findByText('江西示范职业技术学院');
    expect(headersOf(counts)).toEqual(['聘任学校', '在聘导师', '兼职统计']);
    expect(within(counts).getByTestId('counts-by-mode')).toHaveTextContent('兼职任教 1 · 联合研究 0 · 参与项目 0');
    await within(appointments).findByTestId('appointment-school');
    expect(headersOf(appointments).slice(0, 2)).toEqual(['导师', '方式']);
    expect(headersOf(appointments)).not.toContain('聘任学校');
    expect(within(appointments).getByTestId('appointment-school')).toHaveTextContent('江西示范职业技术学院');
    const row = (await within(mentors).findByText('宋立新')).closest('tr') as HTMLElement;
    expect(within(row).getByTestId('mentor-enterprise')).toHaveTextContent('洪都航空');
    expect(headersOf(mentors).slice(0, 4)).toEqual(['姓名', '类别', '年龄', '操作']);
    // The edit is a named icon that opens the mentor.
    const user = userEvent.setup({ delay: null });
    const edit = within(row).getByRole('button', { name: '编辑' });
    expect(edit).not.toHaveTextContent('编辑');
    await user.click(edit);
    expect(within(await screen.findByRole('dialog')).getByDisplayValue('宋立新')).toBeInTheDocument();
  });

  it('shows the school and the ID number as columns of their own on a desktop', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/mentors');
    await screen.findByText('洪都航空');
    const [, appointments, mentors] = screen.getAllByRole('table');
    const headersOf = (table: HTMLElement) => within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headersOf(appointments).slice(0, 3)).toEqual(['导师', '聘任学校', '方式']);
    expect(headersOf(mentors).slice(0, 4)).toEqual(['姓名', '身份证号', '年龄', '所在企业']);
    expect(screen.queryByTestId('mentor-enterprise')).not.toBeInTheDocument();
  });

  it('offers no edit of a mentor another school appoints too, and says the province keeps it', { timeout: 120_000 }, async () => {
    loginAs('hr_a');
    renderApp('/mentors');
    const shared = (await screen.findByText('陈国华')).closest('tr') as HTMLElement;
    expect(within(shared).queryByRole('button', { name: '编辑' })).not.toBeInTheDocument();
    expect(within(shared).getByTestId('province-record')).toHaveTextContent('省厅维护');
    expect(within(shared).getByText('—')).toBeInTheDocument(); // the age, hidden with the birth date
    const own = within(shared.closest('table') as HTMLElement).getByText('宋立新').closest('tr') as HTMLElement;
    expect(within(own).getByRole('button', { name: '编辑' })).toBeInTheDocument();
  });

  it('refuses base staff', { timeout: 120_000 }, async () => {
    loginAs('base_a');
    renderApp('/mentors');
    expect(await screen.findByText('403')).toBeInTheDocument();
  });
});
