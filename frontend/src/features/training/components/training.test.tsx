import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import {
  fe2Handlers,
  KNOWN_TEACHER_ID,
  makeFe2State,
  UNKNOWN_TEACHER_ID,
  type Fe2State,
} from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

let state: Fe2State;

beforeEach(() => {
  state = makeFe2State();
  server.use(...fe2Handlers(state));
});

async function openLogDialog() {
  const user = userEvent.setup({ delay: null });
  renderApp('/training');
  await screen.findByText('李芳');
  await user.click(screen.getByRole('button', { name: /登记结业/ }));
  const dialog = await screen.findByRole('dialog');
  return { user, dialog };
}

describe('training, for base staff', () => {
  it('shows the base figures, programmes and completions', { timeout: 120_000 }, async () => {
    loginAs('base_a');
    renderApp('/training');
    expect(await screen.findByText('数控加工企业实践')).toBeInTheDocument();
    expect(await screen.findByText('C-001')).toBeInTheDocument();
    expect(await screen.findByText('86.4%')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /导入结业名单/ })).toBeInTheDocument();
  });

  it('shows on a phone who completed and whether they passed first, the school under the name', { timeout: 120_000 }, async () => {
    phoneScreen();
    loginAs('base_a');
    renderApp('/training');
    const card = (await screen.findByText('C-001')).closest('.ant-card') as HTMLElement;
    const headers = within(card).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 3)).toEqual(['教师', '考核通过', '培训项目']);
    expect(headers).not.toContain('学校');
    const row = within(card).getByText('李芳').closest('tr') as HTMLElement;
    expect(within(row).getByTestId('completion-school')).toHaveTextContent('江西示范职业技术学院');
  });

  it('shows a programme\'s title, kind and dates, its hours and actions in a phone\'s first screen', { timeout: 120_000 }, async () => {
    phoneScreen();
    loginAs('base_a');
    renderApp('/training');
    const row = (await screen.findByText('数控加工企业实践')).closest('tr') as HTMLTableRowElement;
    const card = row.closest('.ant-card') as HTMLElement;
    const headers = within(card).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['项目名称', '学时', '操作']);
    expect(within(row).getByTestId('program-kind')).toHaveTextContent('企业实践 · 2026-09-01 ~ 2026-10-10');
    expect(within(row).getByRole('button', { name: '编辑' })).not.toHaveTextContent('编辑');
  });

  it('keeps the programmes\' title, kind and hours first on a desktop', { timeout: 120_000 }, async () => {
    loginAs('base_a');
    renderApp('/training');
    const card = (await screen.findByText('数控加工企业实践')).closest('.ant-card') as HTMLElement;
    const headers = within(card).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 5)).toEqual(['项目名称', '类型', '学时', '开始日期', '结束日期']);
    expect(within(card).queryByTestId('program-kind')).not.toBeInTheDocument();
  });

  it('finds a teacher only by exact ID number, in the body, and logs a completion', { timeout: 120_000 }, async () => {
    loginAs('base_a');
    const { user, dialog } = await openLogDialog();
    const idField = within(dialog).getByLabelText('教师身份证号');

    // Malformed: refused here, nothing sent.
    await user.click(idField);
    await user.paste('360102198506150012');
    await user.keyboard('{Enter}');
    expect(await within(dialog).findByText('身份证号格式或校验位不正确')).toBeInTheDocument();
    expect(state.sent).toHaveLength(0);

    await user.clear(idField);
    await user.paste(UNKNOWN_TEACHER_ID);
    await user.keyboard('{Enter}');
    expect(await within(dialog).findByText('未找到该身份证号对应的教师')).toBeInTheDocument();

    await user.clear(idField);
    await user.paste(KNOWN_TEACHER_ID);
    await user.keyboard('{Enter}');
    expect(await within(dialog).findByText('找到教师：张伟（九江中等专业学校）')).toBeInTheDocument();
    const lookups = state.sent.filter((s) => s.url.includes('lookup-teacher'));
    expect(lookups.at(-1)?.body).toEqual({ id_number: KNOWN_TEACHER_ID });
    expect(lookups.every((s) => !s.url.includes(KNOWN_TEACHER_ID))).toBe(true);

    await user.click(within(dialog).getByLabelText('培训项目'));
    await user.click(await screen.findByTitle('数控加工企业实践'));
    await waitFor(() => expect(within(dialog).getByLabelText('学时')).toHaveValue('120'));
    await user.click(within(dialog).getByLabelText('结业证书编号'));
    await user.paste('C-900');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const saved = state.sent.find((s) => s.method === 'POST' && s.url.endsWith('/training-completions/'));
    expect(saved?.body).toMatchObject({
      program: 1,
      teacher_id_number: KNOWN_TEACHER_ID,
      hours: 120,
      completed_on: '2026-10-10',
      passed: true,
      certificate_no: 'C-900',
    });
    expect(await screen.findByText('C-900')).toBeInTheDocument();
  });

  it('keeps the malformed-number message when Find comes straight after typing', { timeout: 120_000 }, async () => {
    loginAs('base_a');
    const { dialog } = await openLogDialog();
    const idField = within(dialog).getByLabelText('教师身份证号');
    // The keystroke starts the field's own check; the click lands before it has finished.
    fireEvent.change(idField, { target: { value: '360102199001011234' } });
    fireEvent.click(within(dialog).getAllByRole('button', { name: /查找/ })[0]);
    expect(await within(dialog).findByText('身份证号格式或校验位不正确')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the check has finished now
    expect(within(dialog).getByText('身份证号格式或校验位不正确')).toBeInTheDocument();
    expect(state.sent).toHaveLength(0);
  });

  it('puts a server error on its field', { timeout: 120_000 }, async () => {
    loginAs('base_a');
    const { user, dialog } = await openLogDialog();
    await user.click(within(dialog).getByLabelText('教师身份证号'));
    await user.paste(KNOWN_TEACHER_ID);
    await user.keyboard('{Enter}');
    await within(dialog).findByTestId('teacher-match');
    await user.click(within(dialog).getByLabelText('培训项目'));
    await user.click(await screen.findByTitle('教学能力提升'));
    const hours = within(dialog).getByLabelText('学时');
    await waitFor(() => expect(hours).toHaveValue('40'));
    // The input caps at the programme's hours; the server is the one that refuses more.
    state.programs[1].hours = 30;
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText("Hours cannot exceed the programme's 30 hours.")).toBeInTheDocument();
  });

  it('says when someone else changed a completion and loads the newer one', { timeout: 120_000 }, async () => {
    loginAs('base_a');
    const user = userEvent.setup({ delay: null });
    renderApp('/training');
    const row = (await screen.findByText('C-001')).closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const dialog = await screen.findByRole('dialog');
    // Another clerk saves first.
    Object.assign(state.completions[0], { certificate_no: 'C-001-B', version: 2 });
    const cert = within(dialog).getByLabelText('结业证书编号');
    await user.clear(cert);
    await user.paste('C-001-A');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText(/其他人已修改了这条记录/)).toBeInTheDocument();
    expect(cert).toHaveValue('C-001-B');
    // Saving again sends the version just loaded, and goes through.
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(state.sent.at(-1)?.body).toMatchObject({ version: 2 });
  });
});

describe('training, for the province', () => {
  it('shows bases against the target, the passed deadline and per-base figures', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/training');
    expect(await screen.findByText('6 / 20')).toBeInTheDocument();
    expect(screen.getByTestId('deadline-passed')).toHaveTextContent('已过截止日期');
    // Planned and suspended bases in one cell, as two counts (one line on a phone).
    const plannedSuspended = screen.getByTestId('bases-planned-suspended');
    expect(within(plannedSuspended).getByText('筹建 / 暂停')).toBeInTheDocument();
    expect(within(plannedSuspended).getByText('1 / 0')).toBeInTheDocument();
    expect(await screen.findByText('九江职教一体化基地')).toBeInTheDocument();
    expect(await screen.findByText('86.4%')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /新增基地/ })).toBeInTheDocument();
  });

  it('fits a base and its actions in a phone\'s first screen: the code under the name, icon buttons', { timeout: 120_000 }, async () => {
    phoneScreen();
    loginAs('province');
    renderApp('/training');
    const row = (await screen.findByText('九江职教一体化基地')).closest('tr') as HTMLElement;
    expect(screen.queryByRole('columnheader', { name: '代码' })).not.toBeInTheDocument();
    expect(within(row).getByTestId('base-host')).toHaveTextContent(/^TB02 · 九江职业技术学院/);
    // The icons are named buttons; the edit opens the base.
    const user = userEvent.setup({ delay: null });
    expect(within(row).getByRole('button', { name: '编辑' })).not.toHaveTextContent('编辑');
    await user.click(within(row).getByRole('button', { name: '编辑' }));
    expect(within(await screen.findByRole('dialog')).getByDisplayValue('九江职教一体化基地')).toBeInTheDocument();
  });

  it('deletes a base once confirmed, and says why when the API refuses', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/training');
    const user = userEvent.setup({ delay: null });
    const used = (await screen.findByText('南昌智能制造培训基地')).closest('tr') as HTMLElement;
    await user.click(within(used).getByRole('button', { name: '删除' }));
    await user.click(await screen.findByRole('button', { name: '确 定' }));
    expect(await screen.findByText('This base still has programmes.')).toBeInTheDocument();
    expect(screen.getByText('南昌智能制造培训基地')).toBeInTheDocument();

    const unused = screen.getByText('九江职教一体化基地').closest('tr') as HTMLElement;
    await user.click(within(unused).getByRole('button', { name: '删除' }));
    const confirms = await screen.findAllByRole('button', { name: '确 定' });
    await user.click(confirms.at(-1) as HTMLElement);
    expect(await screen.findByText('已删除')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('九江职教一体化基地')).not.toBeInTheDocument());
  });

  it('refuses other roles', { timeout: 120_000 }, async () => {
    loginAs('hr_a');
    renderApp('/training');
    expect(await screen.findByText('403')).toBeInTheDocument();
  });
});
