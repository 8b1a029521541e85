import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

const entry = (id: number, fields: Record<string, unknown>) => ({
  id,
  timestamp: '2026-12-05T08:30:00Z',
  action: 'update',
  model: 'teacher',
  object_id: 7,
  object_repr: '王芳',
  actor: 'hr_a',
  changes: {},
  additional_data: null,
  remote_addr: '10.0.0.8',
  ...fields,
});

const ENTRIES = [
  entry(4, {
    model: 'application',
    object_repr: '1/47',
    actor: null,
    changes: { status: ['draft', 'withdrawn'], votes: ['None', 'recognition.Vote.None'], gender: ['male', 'female'] },
  }),
  entry(3, {
    changes: { name: ['王芳', '王芳芳'], id_number: ['360102********1234', '360102********5678'], active: ['True', 'False'] },
  }),
  entry(2, {
    action: 'create',
    model: 'certificate',
    object_repr: '中级职业技能证书',
    actor: null,
    remote_addr: null,
    changes: {
      kind: ['None', 'skill'],
      name: ['None', '电工'],
      number: ['None', 'A-1'],
      issuer: ['None', '人社厅'],
      issued_on: ['None', '2020-01-01'],
      expires_on: ['None', '2030-01-01'],
    },
  }),
  entry(1, {
    action: 'access',
    changes: {},
    additional_data: { revealed: 'id_number', reason: '核对 360102********1234' },
  }),
];

/** The audit-log handler: answers the entries and keeps each request's query. */
function auditLog() {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get('/api/v1/audit-log/', ({ request }) => {
      asked.push(new URL(request.url).searchParams);
      return HttpResponse.json({ count: ENTRIES.length, next: null, previous: null, results: ENTRIES });
    }),
  );
  return asked;
}

describe('the audit log (province)', () => {
  it('is in the province menu and lists who did what to which record, with the changes in words', { timeout: 60_000 }, async () => {
    auditLog();
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/dashboard');
    await user.click(await screen.findByRole('link', { name: '操作日志' }));
    const row = (await screen.findByText('王芳芳')).closest('tr') as HTMLElement;
    expect(within(row).getByTestId('audit-who')).toHaveTextContent('hr_a');
    expect(within(row).getByTestId('audit-action')).toHaveTextContent('修改');
    expect(within(row).getByTestId('audit-record')).toHaveTextContent('教师 王芳');
    const changes = within(row).getAllByTestId('audit-change').map((c) => c.textContent);
    expect(changes).toEqual(['姓名：王芳 → 王芳芳', '身份证号：360102********1234 → 360102********5678', expect.stringMatching(/：是 → 否$/)]);
    // The system's own writes have no actor; a creation shows the new values only, four at first.
    const created = screen.getByText('中级职业技能证书').closest('tr') as HTMLElement;
    expect(within(created).getByTestId('audit-who')).toHaveTextContent('系统');
    expect(within(created).getByTestId('audit-action')).toHaveTextContent('新增');
    expect(within(created).getByTestId('audit-record')).toHaveTextContent('证书');
    expect(within(created).getAllByTestId('audit-change')).toHaveLength(4);
    expect(within(created).queryByTestId('audit-before')).not.toBeInTheDocument();
    await user.click(within(created).getByRole('button', { name: '展开其余 2 项' }));
    expect(within(created).getAllByTestId('audit-change')).toHaveLength(6);
    // A reveal says what was read and why, masked as the API sent it.
    const access = screen.getByText('查看完整身份证号').closest('tr') as HTMLElement;
    expect(within(access).getByTestId('audit-action')).toHaveTextContent('查看');
    expect(within(access).getByText('理由：核对 360102********1234')).toBeInTheDocument();
    expect(document.title).toContain('操作日志');
    // Codes read as words; an empty related list (auditlog's "app.Model.None") is left out.
    const application = screen.getByText('1/47').closest('tr') as HTMLElement;
    expect(within(application).getAllByTestId('audit-change').map((c) => c.textContent)).toEqual([
      '状态：草稿 → 已撤回',
      '性别：男 → 女',
    ]);
  });

  it('sends the filters the API declares: action, record type, who and the days', { timeout: 60_000 }, async () => {
    const asked = auditLog();
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/audit-log');
    await screen.findByText('王芳芳');
    await user.click(screen.getByRole('combobox', { name: '操作' }));
    await user.click((await screen.findAllByTitle('删除')).at(-1)!);
    await waitFor(() => expect(asked.at(-1)?.get('action')).toBe('delete'));
    await user.click(screen.getByRole('combobox', { name: '记录类型' }));
    await user.click((await screen.findAllByTitle('企业经历')).at(-1)!);
    await waitFor(() => expect(asked.at(-1)?.get('model')).toBe('enterpriseperiod'));
    await user.click(screen.getByRole('combobox', { name: '操作人' }));
    await user.click((await screen.findAllByTitle(/^hr_a/)).at(-1)!);
    await waitFor(() => expect(asked.at(-1)?.get('actor')).toBe('hr_a'));

    for (const [label, value] of [['开始日期', '2026-12-01'], ['结束日期', '2026-12-05']]) {
      const input = screen.getByLabelText(label);
      fireEvent.mouseDown(input);
      fireEvent.change(input, { target: { value } });
      fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    }
    await waitFor(() => expect(asked.at(-1)?.get('until')).toBeTruthy());
    const last = asked.at(-1)!;
    // From the start of the first day up to, not including, the day after the last: China's
    // days (round 35), as the entries' times are shown, whatever the browser's zone.
    expect(last.get('since')).toBe('2026-12-01T00:00:00+08:00');
    expect(last.get('until')).toBe('2026-12-06T00:00:00+08:00');
    expect(last.get('action')).toBe('delete');
    expect(last.get('page')).toBe('1');

    const chosen = (name: string) =>
      screen.getByRole('combobox', { name }).closest('.ant-select')?.querySelector('[title]')?.getAttribute('title');
    expect(chosen('操作')).toBe('删除');
    const before = asked.length;
    await user.click(screen.getByRole('button', { name: '重 置' }));
    await waitFor(() => expect(screen.getByLabelText('开始日期')).toHaveValue(''));
    expect(screen.getByLabelText('结束日期')).toHaveValue('');
    for (const name of ['操作', '记录类型', '操作人']) expect(chosen(name)).toBeFalsy();
    // The unfiltered first page again (asked anew, or from the cache).
    expect(asked.slice(before).every((q) => !q.get('action') && !q.get('since'))).toBe(true);
  });

  it('reads in English', { timeout: 60_000 }, async () => {
    auditLog();
    await i18n.changeLanguage('en');
    loginAs('province');
    renderApp('/audit-log');
    const row = (await screen.findByText('王芳芳')).closest('tr') as HTMLElement;
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'Who', 'Action', 'Record', 'Changes']);
    expect(within(row).getByTestId('audit-action')).toHaveTextContent('Updated');
    expect(within(row).getByTestId('audit-record')).toHaveTextContent('Teacher 王芳');
    expect(within(row).getAllByTestId('audit-change')[2]).toHaveTextContent(/: Yes → No$/);
    expect(screen.getByText('Read the full ID number')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Audit log' })).toBeInTheDocument();
  });

  it('shows each entry as one block on a phone: time and who, what, then the changes', { timeout: 60_000 }, async () => {
    auditLog();
    phoneScreen();
    loginAs('province');
    renderApp('/audit-log');
    await screen.findByText('王芳芳');
    expect(screen.queryAllByRole('columnheader')).toHaveLength(0);
    const blocks = screen.getAllByTestId('audit-entry');
    expect(blocks).toHaveLength(4);
    expect(within(blocks[1]).getByTestId('audit-who')).toHaveTextContent('hr_a');
    expect(within(blocks[1]).getByTestId('audit-record')).toHaveTextContent('教师 王芳');
    expect(blocks[1]).toHaveStyle({ overflowWrap: 'anywhere' });
  });

  it('is the province’s only: another role finds no menu entry and a refusal', async () => {
    loginAs('hr_a');
    renderApp('/audit-log');
    expect(await screen.findByText('无权访问此页面')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '操作日志' })).not.toBeInTheDocument();
  });
});
