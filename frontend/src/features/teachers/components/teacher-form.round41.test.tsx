import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const fill = (label: string, value: string, where: HTMLElement = document.body) =>
  fireEvent.change(within(where).getByLabelText(label), { target: { value } });
const save = (where: HTMLElement = document.body) =>
  fireEvent.click(within(where).getByRole('button', { name: /保\s*存/ }));

const TOO_LONG_32 = '不能超过 32 个字符。';
const TOO_LONG_100 = '不能超过 100 个字符。';

/** The server refuses values over the columns' lengths; with those right, `then` (another
 * field's refusal). Returns the bodies sent. */
function refuse(method: 'patch', url: string, lengths: Record<string, number>, then: Record<string, string[]>) {
  const sent: Record<string, unknown>[] = [];
  server.use(
    http[method](`${API}${url}`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      sent.push(body);
      const errors: Record<string, string[]> = {};
      for (const [field, max] of Object.entries(lengths)) {
        if (String(body[field] ?? '').length > max) errors[field] = [`不能超过 ${max} 个字符。`];
      }
      return HttpResponse.json(Object.keys(errors).length ? errors : then, { status: 400 });
    }),
  );
  return sent;
}

describe('a server error on a teacher form field', () => {
  it('goes once the field is corrected, and the next answer replaces it (teacher form)', async () => {
    loginAs('hr_a');
    const sent = refuse('patch', '/teachers/1/', { staff_no: 32, major: 100 }, { hired_on: ['入职日期不能早于出生日期。'] });
    renderApp('/teachers/1/edit');
    await screen.findByDisplayValue('王伟');
    fill('工号', 'X'.repeat(40));
    fill('专业', '机'.repeat(120));
    save();
    expect(await screen.findByText(TOO_LONG_32)).toBeInTheDocument();
    expect(screen.getByText(TOO_LONG_100)).toBeInTheDocument();

    // Corrected, not yet saved: the server's word on 工号 goes with the change.
    fill('工号', 'T-41');
    await waitFor(() => expect(screen.queryByText(TOO_LONG_32)).not.toBeInTheDocument());
    expect(screen.getByText(TOO_LONG_100)).toBeInTheDocument();
    fill('专业', '机电一体化');
    await waitFor(() => expect(screen.queryByText(TOO_LONG_100)).not.toBeInTheDocument());

    // Saved again: refused for another field, which alone is marked.
    save();
    expect(await screen.findByText('入职日期不能早于出生日期。')).toBeInTheDocument();
    expect(sent).toHaveLength(2);
    await waitFor(() => expect(screen.queryByText(TOO_LONG_32)).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByText(TOO_LONG_100)).not.toBeInTheDocument());
  });

  it('on a field not changed since goes when the next answer does not name it', async () => {
    loginAs('hr_a');
    const sent: Record<string, unknown>[] = [];
    server.use(
      http.patch(`${API}/teachers/1/`, async ({ request }) => {
        sent.push((await request.json()) as Record<string, unknown>);
        // Refused first for the 工号 and the 专业 together (one rule over both), then for
        // the hiring date only.
        return sent.length === 1
          ? HttpResponse.json({ staff_no: ['与专业不符。'], major: ['与工号不符。'] }, { status: 400 })
          : HttpResponse.json({ hired_on: ['入职日期不能早于出生日期。'] }, { status: 400 });
      }),
    );
    renderApp('/teachers/1/edit');
    await screen.findByDisplayValue('王伟');
    save();
    expect(await screen.findByText('与工号不符。')).toBeInTheDocument();
    fill('工号', 'T-41');
    save();
    expect(await screen.findByText('入职日期不能早于出生日期。')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('与专业不符。')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByText('与工号不符。')).not.toBeInTheDocument());
  });

  it('goes once corrected and is replaced by the next answer (certificate modal)', async () => {
    loginAs('hr_a');
    const sent = refuse(
      'patch',
      '/certificates/1/',
      { name: 100, number: 64, issuer: 100 },
      { issued_on: ['发证日期不能晚于今天。'] },
    );
    renderApp('/teachers/1');
    const row = (await screen.findByText('TQ001')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const dialog = await screen.findByRole('dialog');
    fill('证书名称', '证'.repeat(120), dialog);
    fill('证书编号', 'N'.repeat(80), dialog);
    fill('发证机关', '厅'.repeat(120), dialog);
    save(dialog);
    expect(await within(dialog).findByText('不能超过 64 个字符。')).toBeInTheDocument();
    expect(within(dialog).getAllByText(TOO_LONG_100)).toHaveLength(2);

    fill('证书编号', 'TQ001', dialog);
    await waitFor(() => expect(within(dialog).queryByText('不能超过 64 个字符。')).not.toBeInTheDocument());
    expect(within(dialog).getAllByText(TOO_LONG_100)).toHaveLength(2);
    fill('证书名称', '教师资格证', dialog);
    fill('发证机关', '江西省教育厅', dialog);
    await waitFor(() => expect(within(dialog).queryByText(TOO_LONG_100)).not.toBeInTheDocument());

    save(dialog);
    expect(await within(dialog).findByText('发证日期不能晚于今天。')).toBeInTheDocument();
    expect(sent).toHaveLength(2);
    await waitFor(() => expect(within(dialog).queryByText(TOO_LONG_100)).not.toBeInTheDocument());
  });

  it('goes once corrected and is replaced by the next answer (enterprise-period modal)', async () => {
    loginAs('hr_a');
    const sent: Record<string, unknown>[] = [];
    server.use(
      http.patch(`${API}/enterprise-periods/1/`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        sent.push(body);
        const errors: Record<string, string[]> = {};
        if (String(body.position).length > 100) errors.position = [TOO_LONG_100];
        if (body.credit_code && String(body.credit_code).length !== 18) errors.credit_code = ['统一社会信用代码应为 18 位。'];
        return HttpResponse.json(Object.keys(errors).length ? errors : { start_on: ['开始日期不能晚于今天。'] }, {
          status: 400,
        });
      }),
    );
    renderApp('/teachers/1');
    const row = (await screen.findByText('江铃汽车')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const dialog = await screen.findByRole('dialog');
    fill('岗位', '岗'.repeat(120), dialog);
    fill('统一社会信用代码', '91360', dialog);
    save(dialog);
    expect(await within(dialog).findByText(TOO_LONG_100)).toBeInTheDocument();
    expect(within(dialog).getByText('统一社会信用代码应为 18 位。')).toBeInTheDocument();

    fill('岗位', '技术员', dialog);
    fill('统一社会信用代码', '', dialog);
    await waitFor(() => expect(within(dialog).queryByText(TOO_LONG_100)).not.toBeInTheDocument());
    await waitFor(() => expect(within(dialog).queryByText('统一社会信用代码应为 18 位。')).not.toBeInTheDocument());

    save(dialog);
    expect(await within(dialog).findByText('开始日期不能晚于今天。')).toBeInTheDocument();
    expect(sent).toHaveLength(2);
    await waitFor(() => expect(within(dialog).queryByText(TOO_LONG_100)).not.toBeInTheDocument());
    await waitFor(() => expect(within(dialog).queryByText('统一社会信用代码应为 18 位。')).not.toBeInTheDocument());
  });
});

describe('leaving the teacher form', () => {
  it('asks first when something was typed (browser Back), keeps it on "stay", and a save does not ask', async () => {
    loginAs('hr_a');
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp('/teachers/1');
    await user.click(await screen.findByRole('button', { name: /编\s*辑/ }));
    await screen.findByDisplayValue('王伟');
    expect(router.state.location.pathname).toBe('/teachers/1/edit');
    fill('专业', '机电一体化技术');

    // Back, as the browser's button does.
    void router.navigate(-1);
    expect((await screen.findAllByText('有未保存的修改')).length).toBeGreaterThan(0);
    expect(router.state.location.pathname).toBe('/teachers/1/edit');
    await user.click(screen.getByRole('button', { name: '留在此页' }));
    // (The dialog's closing animation never ends in the test DOM: it stays, leaving.)
    await waitFor(() => expect(document.querySelector('.ant-modal-confirm.ant-zoom-leave')).not.toBeNull());
    expect(router.state.location.pathname).toBe('/teachers/1/edit');
    expect(screen.getByDisplayValue('机电一体化技术')).toBeInTheDocument();

    // Saved: on to the teacher's page, unasked (a blocked navigation stays on the form).
    save();
    await waitFor(() => expect(router.state.location.pathname).toBe('/teachers/1'));
    expect(await screen.findByText('机电一体化技术')).toBeInTheDocument();
    expect(document.querySelectorAll('.ant-modal-confirm')).toHaveLength(1);
  });

  it('asks before 取消 throws a new teacher away, and leaves unasked when nothing was typed', async () => {
    loginAs('hr_a');
    const user = userEvent.setup({ delay: null });
    const first = renderApp('/teachers/new');
    await screen.findByLabelText('姓名');
    await user.click(screen.getByRole('button', { name: /取\s*消/ }));
    await waitFor(() => expect(first.router.state.location.pathname).toBe('/teachers'));
    expect(document.querySelector('.ant-modal-confirm')).toBeNull();
    first.unmount();

    const { router } = renderApp('/teachers/new');
    await screen.findByLabelText('姓名');
    fill('姓名', '新教师');
    await user.click(screen.getByRole('button', { name: /取\s*消/ }));
    expect((await screen.findAllByText('有未保存的修改')).length).toBeGreaterThan(0);
    expect(router.state.location.pathname).toBe('/teachers/new');
    await user.click(screen.getByRole('button', { name: /离\s*开/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/teachers'));
  });
});
