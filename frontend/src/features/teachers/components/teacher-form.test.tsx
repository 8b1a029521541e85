import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { db, loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// fireEvent.change, not user.type: one render per field instead of one per keystroke.
const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

// The DatePicker takes typed text; Enter confirms it.
function fillDate(label: string, value: string) {
  const input = screen.getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

async function fillRequired(staffNo: string, idNumber: string) {
  await screen.findByLabelText('姓名');
  fill('姓名', '新教师');
  fill('工号', staffNo);
  fill('身份证号', idNumber);
}

describe('teacher form', () => {
  it('fills gender and birth date from the ID number and saves', async () => {
    loginAs('hr_a');
    const { router } = renderApp('/teachers/new');
    const user = userEvent.setup({ delay: null });
    // 11010519491231002X: a valid check digit, female, born 1949-12-31.
    await fillRequired('N001', '11010519491231002X');
    expect(screen.getByLabelText('出生日期')).toHaveValue('1949-12-31');
    await user.click(screen.getByLabelText('学历'));
    await user.click(await screen.findByTitle('本科'));
    fillDate('任教起始日期', '2024-09-01');
    // Typing a date and pressing Enter confirms the date; it does not submit the form.
    await user.click(screen.getByLabelText('入职日期'));
    await user.keyboard('2024-09-01{Enter}');
    expect(screen.getByLabelText('入职日期')).toHaveValue('2024-09-01');
    expect(router.state.location.pathname).toBe('/teachers/new');
    await user.click(screen.getByRole('button', { name: '保 存' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/teachers\/\d+$/));
    // Says it saved, with the estimated level.
    expect(await screen.findByText(/^已保存/)).toBeInTheDocument();
  });

  it('asks for 任教起始日期 (the server requires it) but not for 工号', async () => {
    loginAs('hr_a');
    renderApp('/teachers/new');
    const user = userEvent.setup({ delay: null });
    await screen.findByLabelText('姓名');
    await user.click(screen.getByRole('button', { name: '保 存' }));
    expect(await screen.findByText('请填写任教起始日期')).toBeInTheDocument();
    expect(screen.queryByText('请填写工号')).not.toBeInTheDocument();
  });

  it('shows server validation errors on the right fields', async () => {
    loginAs('hr_a');
    renderApp('/teachers/new');
    const user = userEvent.setup({ delay: null });
    // T0001 exists; the mock refuses ID numbers ending in 0000.
    await fillRequired('T0001', '110105194912310000');
    await user.click(screen.getByLabelText('学历'));
    await user.click(await screen.findByTitle('本科'));
    fillDate('入职日期', '2024-09-01');
    fillDate('任教起始日期', '2024-09-01');
    // Client-side check catches the bad check digit first.
    await user.click(screen.getByRole('button', { name: '保 存' }));
    expect(await screen.findByText('身份证号格式或校验位不正确')).toBeInTheDocument();

    fill('身份证号', '11010519491231002X');
    await user.click(screen.getByRole('button', { name: '保 存' }));
    expect(await screen.findByText('工号已存在。')).toBeInTheDocument();
  });

  it('loads the newer version when someone else saved first (409)', async () => {
    loginAs('hr_a');
    const current = { ...db.teachers[0], name: '别人改的名字', version: 7 };
    let sentVersion: unknown;
    server.use(
      http.patch('/api/v1/teachers/1/', async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        sentVersion = body.version;
        if (body.version !== 7) {
          return HttpResponse.json({ detail: 'stale', current }, { status: 409 });
        }
        return HttpResponse.json({ ...current, ...body, version: 8 });
      }),
    );
    const { router } = renderApp('/teachers/1/edit');
    const user = userEvent.setup({ delay: null });
    await screen.findByDisplayValue('王伟');
    await user.click(screen.getByRole('button', { name: '保 存' }));
    expect(await screen.findByText(/其他人已修改了这条记录/)).toBeInTheDocument();
    expect(screen.getByLabelText('姓名')).toHaveValue('别人改的名字');
    await user.click(screen.getByRole('button', { name: '保 存' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/teachers/1'));
    expect(sentVersion).toBe(7);
  });
});
