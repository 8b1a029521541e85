import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

import { db, loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State, type Fe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const FAR = { id: 208, code: 'S208', name: '鹰潭化工技师学院', city: 1, city_name: '南昌', kind: 'technician_college', student_count: 1000, version: 1 };

/** 208 schools, as in Jiangxi: the API gives at most 200 a page, by name 鹰潭… comes last. */
const many = [
  ...Array.from({ length: 207 }, (_, i) => ({
    ...FAR,
    id: i + 1,
    code: `S${String(i + 1).padStart(3, '0')}`,
    name: `学校${String(i + 1).padStart(3, '0')}`,
  })),
  FAR,
].sort((a, b) => a.name.localeCompare(b.name));

let state: Fe2State;
const asked: URL[] = [];

beforeEach(() => {
  asked.length = 0;
  state = makeFe2State();
  server.use(
    ...fe2Handlers(state),
    http.get(`${API}/schools/`, ({ request }) => {
      const url = new URL(request.url);
      asked.push(url);
      const size = Math.min(Number(url.searchParams.get('page_size') ?? 20), 200);
      const search = url.searchParams.get('search') ?? '';
      const rows = many.filter((s) => !search || s.name.includes(search) || s.code.includes(search));
      return HttpResponse.json({ count: rows.length, next: null, previous: null, results: rows.slice(0, size) });
    }),
    http.get(`${API}/schools/:id/`, ({ params }) => {
      const school = many.find((s) => s.id === Number(params.id));
      return school ? HttpResponse.json(school) : HttpResponse.json({ detail: 'Not found.' }, { status: 404 });
    }),
  );
});

describe('a school select with more schools than one page', () => {
  it('finds a school past the first 200 by typing, and saves it (account dialog)', { timeout: 120_000 }, async () => {
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/accounts');
    await screen.findByText('hr_a');
    await user.click(screen.getByRole('button', { name: /新增账号/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('用户名'));
    await user.paste('hr_yt');
    await user.click(within(dialog).getByLabelText('学校'));
    await user.keyboard('鹰潭化工');
    await user.click((await screen.findAllByTitle('鹰潭化工技师学院')).at(-1)!);
    // The server was asked for the typed words, a page at a time.
    expect(asked.some((u) => u.searchParams.get('search') === '鹰潭化工' && u.searchParams.get('page_size') === '20')).toBe(true);
    await user.click(within(dialog).getByLabelText('初始密码'));
    await user.paste('Str0ng-pass-2026');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(state.sent.at(-1)?.body).toMatchObject({ username: 'hr_yt', role: 'school_hr', school: 208 });
  });

  it('names the school of an account past the first 200, in the list and in its dialog', { timeout: 120_000 }, async () => {
    state.users.push({ ...state.users[0], id: 77, username: 'hr_yt', first_name: '鹰人事', school: 208 });
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/accounts');
    const row = (await screen.findByText('hr_yt')).closest('tr') as HTMLElement;
    expect(await within(row).findByText('鹰潭化工技师学院')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const dialog = await screen.findByRole('dialog');
    const select = within(dialog).getByLabelText('学校').closest('.ant-select') as HTMLElement;
    await waitFor(() => expect(select).toHaveTextContent('鹰潭化工技师学院'));
  });

  it('names the school a teacher-list link filters by, past the first 200', { timeout: 120_000 }, async () => {
    loginAs('province');
    renderApp('/teachers?school=208');
    const select = (await screen.findByRole('combobox', { name: '学校' })).closest('.ant-select') as HTMLElement;
    await waitFor(() => expect(select).toHaveTextContent('鹰潭化工技师学院'));
    expect(select).not.toHaveTextContent('208');
  });

  it("names a teacher's school past the first 200 in the teacher form, and keeps it on save", { timeout: 120_000 }, async () => {
    db.teachers[0].school = 208;
    loginAs('province');
    const sent: Record<string, unknown>[] = [];
    server.use(
      http.patch(`${API}/teachers/1/`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        sent.push(body);
        return HttpResponse.json({ ...db.teachers[0], ...body });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderApp('/teachers/1/edit');
    await screen.findByDisplayValue('王伟');
    const select = screen.getByLabelText('学校').closest('.ant-select') as HTMLElement;
    await waitFor(() => expect(select).toHaveTextContent('鹰潭化工技师学院'));
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toHaveProperty('school', 208);
  });
});
