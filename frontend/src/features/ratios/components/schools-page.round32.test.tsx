import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

const API = '/api/v1';
type Body = Record<string, unknown>;

let posted: Body[];
let patched: Body[];

beforeEach(() => {
  posted = [];
  patched = [];
  server.use(
    http.post(`${API}/schools/`, async ({ request }) => {
      const body = (await request.json()) as Body;
      posted.push(body);
      if (body.code === 'S001') return HttpResponse.json({ code: ['已有代码相同的学校。'] }, { status: 400 });
      if (Number(body.student_count) > 100_000)
        return HttpResponse.json({ student_count: ['请确保该值小于或者等于 200000。'] }, { status: 400 });
      return HttpResponse.json({ id: 9, city_name: '南昌', version: 1, ...body }, { status: 201 });
    }),
    http.patch(`${API}/schools/:id/`, async ({ request }) => {
      const body = (await request.json()) as Body;
      patched.push(body);
      if (body.version === 1)
        return HttpResponse.json(
          {
            detail: '其他人已修改了这条记录。',
            current: { id: 2, code: 'S002', name: '九江中专（新名）', city: 2, city_name: '九江', kind: 'secondary_vocational', student_count: 3100, version: 2 },
          },
          { status: 409 },
        );
      return HttpResponse.json({ id: 2, city_name: '九江', ...body });
    }),
  );
});

async function openNew() {
  loginAs('province');
  const user = userEvent.setup({ delay: null });
  renderApp('/schools');
  await screen.findByRole('link', { name: '九江中等专业学校' });
  await user.click(screen.getByRole('button', { name: /新增学校/ }));
  const drawer = await screen.findByRole('dialog');
  return { user, drawer };
}

async function fillNew(user: ReturnType<typeof userEvent.setup>, drawer: HTMLElement, code: string, students: string) {
  await user.type(within(drawer).getByLabelText('学校代码'), code);
  await user.type(within(drawer).getByLabelText('学校名称'), '新余技工学校');
  await user.click(within(drawer).getByRole('combobox', { name: '设区市' }));
  await user.click((await screen.findAllByTitle('南昌')).at(-1)!);
  await user.click(within(drawer).getByRole('combobox', { name: '学校类型' }));
  await user.click((await screen.findAllByTitle('技工学校')).at(-1)!);
  const count = within(drawer).getByLabelText('在校生人数');
  await user.clear(count);
  await user.type(count, students);
}

/** The error text shown under a form field (antd's explain list beside the control). */
function errorUnder(drawer: HTMLElement, label: string) {
  const item = within(drawer).getByLabelText(label).closest('.ant-form-item') as HTMLElement;
  return item.querySelector('.ant-form-item-explain-error')?.textContent ?? '';
}

describe('the province manages schools (round 32)', () => {
  it('adds a school and sends the fields DESIGN §3 names', { timeout: 120_000 }, async () => {
    const { user, drawer } = await openNew();
    await fillNew(user, drawer, 'S010', '1200');
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({ code: 'S010', name: '新余技工学校', city: 1, kind: 'technical_school', student_count: 1200 });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('shows a duplicate code under the code field', { timeout: 120_000 }, async () => {
    const { user, drawer } = await openNew();
    await fillNew(user, drawer, 'S001', '1200');
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(errorUnder(drawer, '学校代码')).toBe('已有代码相同的学校。'));
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('shows the server\'s word on the student count under that field', { timeout: 120_000 }, async () => {
    const { user, drawer } = await openNew();
    await fillNew(user, drawer, 'S011', '150000');
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(errorUnder(drawer, '在校生人数')).toBe('请确保该值小于或者等于 200000。'));
  });

  it('refuses a negative or absurd student count under the field before sending', { timeout: 120_000 }, async () => {
    const { user, drawer } = await openNew();
    await fillNew(user, drawer, 'S012', '-5');
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(errorUnder(drawer, '在校生人数')).toMatch(/0 至 200,000/));
    const count = within(drawer).getByLabelText('在校生人数');
    await user.clear(count);
    await user.type(count, '1000000000000');
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(errorUnder(drawer, '在校生人数')).toMatch(/0 至 200,000/));
    expect(posted).toHaveLength(0);
  });

  it('edits a school with the version it read, and on a conflict shows the current record', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/schools');
    const link = await screen.findByRole('link', { name: '九江中等专业学校' });
    await user.click(within(link.closest('tr') as HTMLElement).getByRole('button', { name: /编\s*辑/ }));
    const drawer = await screen.findByRole('dialog');
    const name = await within(drawer).findByLabelText('学校名称');
    await waitFor(() => expect(name).toHaveValue('九江中等专业学校'));
    expect(within(drawer).getByLabelText('在校生人数')).toHaveValue('3000');
    await user.clear(name);
    await user.type(name, '九江中专');
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(patched).toHaveLength(1));
    expect(patched[0]).toMatchObject({ name: '九江中专', version: 1, student_count: 3000 });
    expect(await within(drawer).findByRole('alert')).toHaveTextContent('其他人已修改了这条记录');
    expect(within(drawer).getByLabelText('学校名称')).toHaveValue('九江中专（新名）');
    expect(within(drawer).getByLabelText('在校生人数')).toHaveValue('3100');
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(patched).toHaveLength(2));
    expect(patched[1]).toMatchObject({ version: 2 });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('gives a city user no add or edit controls', { timeout: 120_000 }, async () => {
    loginAs('city_nc');
    renderApp('/schools');
    const table = await screen.findByRole('table');
    await within(table).findAllByRole('link');
    expect(screen.queryByRole('button', { name: /新增学校/ })).not.toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /编\s*辑/ })).not.toBeInTheDocument();
    expect(within(table).queryByText('操作')).not.toBeInTheDocument();
  });

  it('opens as a bottom sheet on a phone, in English', { timeout: 120_000 }, async () => {
    phoneScreen();
    await i18n.changeLanguage('en');
    try {
      loginAs('province');
      const user = userEvent.setup({ delay: null });
      renderApp('/schools');
      await screen.findByRole('link', { name: '九江中等专业学校' });
      await user.click(screen.getByRole('button', { name: /Add school/ }));
      const drawer = await screen.findByRole('dialog');
      expect(within(drawer).getByText('Add school')).toBeInTheDocument();
      expect(within(drawer).getByLabelText('Students enrolled')).toBeInTheDocument();
      expect(drawer.closest('.ant-drawer')).toHaveClass('ant-drawer-bottom');
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
