import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';

import { server } from '@/testing/mocks/server';
import { phoneScreen, renderWithProviders } from '@/testing/test-utils';

import { MyRecordPanels } from './my-record';
import { ProposeDrawer } from './propose-drawer';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const round = {
  id: 1, code: 'JX2026-1', name: '2026年度第一批', opens_on: '2026-11-15', closes_on: '2027-01-14', status: 'open',
  publicity_days: 7, validity_years: 5, levels: ['junior', 'intermediate', 'senior'], rule_version: 1, experts: [], version: 1,
};
const REFUSED = '按认定规则只能认定为 初级，低于申报等级。';

type App = Record<string, unknown> & { id: number; round: number; level: string; status: string; version: number };

/** The API as teacher 1 meets it: one open round, applications kept as the server keeps them;
 * 中级 is refused on submission (the teacher qualifies for 初级), 初级 is submitted. */
function serveApi(existing: App[] = []) {
  const apps: App[] = existing.map((a) => ({ ...a }));
  const created: unknown[] = [];
  const patched: unknown[] = [];
  const row = (fields: Partial<App> & { id: number; level: string }): App => ({
    round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '王小明', school: 1, school_name: '南昌职业学院',
    statement: '', evidence: [], evidence_files: [], eligibility: null, votes: [], publicity_until: null,
    recognition: null, teacher_has_left: false, status: 'draft', version: 1,
    history: [{ stage: 'draft', actor: 't_wang', decision: '', opinion: '', at: '2026-12-01T09:00:00+08:00' }],
    ...fields,
  });
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json({ ...empty, count: 1, results: [round] })),
    http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    http.get(`${API}/my-record/`, () =>
      HttpResponse.json({ teacher: 1, certificates: [], enterprise_periods: [], completions: [], evidence: [] }),
    ),
    http.get(`${API}/recognition-applications/`, () =>
      HttpResponse.json({ ...empty, count: apps.length, results: [...apps].reverse() }),
    ),
    http.post(`${API}/recognition-applications/`, async ({ request }) => {
      const body = (await request.json()) as App;
      created.push(body);
      const app = row({ ...body, id: 20 + apps.length });
      apps.push(app);
      return HttpResponse.json(app, { status: 201 });
    }),
    http.patch(`${API}/recognition-applications/:id/`, async ({ params, request }) => {
      const body = (await request.json()) as Partial<App>;
      patched.push({ id: Number(params.id), ...body });
      const app = apps.find((a) => a.id === Number(params.id)) as App;
      if (body.version !== app.version) return HttpResponse.json({ detail: 'stale', current: app }, { status: 409 });
      Object.assign(app, body, { version: app.version + 1 });
      return HttpResponse.json(app);
    }),
    http.post(`${API}/recognition-applications/:id/submit/`, ({ params }) => {
      const app = apps.find((a) => a.id === Number(params.id)) as App;
      if (app.level !== 'junior') return HttpResponse.json({ level: [REFUSED], missing: ['完成 40 学时培训'] }, { status: 400 });
      Object.assign(app, { status: 'submitted', version: app.version + 1 });
      return HttpResponse.json(app);
    }),
  );
  return { apps, created, patched, row };
}

function renderPanels() {
  renderWithProviders(
    <MemoryRouter>
      <MyRecordPanels teacher={1} />
    </MemoryRouter>,
  );
}

async function choose(user: ReturnType<typeof userEvent.setup>, select: HTMLElement, title: string) {
  await user.click(select.querySelector('input') as HTMLElement);
  await user.click(await screen.findByTitle(title));
}

const selects = (form: HTMLElement) => Array.from(form.querySelectorAll<HTMLElement>('.ant-select'));
const submitButton = () => within(screen.getByRole('dialog')).getByRole('button', { name: /提\s*交/ });

describe('applying for recognition again after a refusal', () => {
  it('submits the draft the refused try left, once the modal was closed and opened again: no stray draft', async () => {
    const api = serveApi();
    const user = userEvent.setup({ delay: null });
    renderPanels();

    // 中级, refused: the message says why.
    await user.click(await screen.findByTestId('apply'));
    let form = await screen.findByTestId('apply-form');
    await choose(user, selects(form)[0], 'JX2026-1 2026年度第一批');
    await choose(user, selects(form)[1], '中级');
    await user.click(submitButton());
    expect(await screen.findByText(REFUSED)).toBeInTheDocument();
    expect(api.created).toHaveLength(1);

    // Closed; the draft is in the list.
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: /取\s*消/ }));
    await waitFor(() => expect(screen.queryByTestId('apply-form')).not.toBeInTheDocument());
    const draftRow = await screen.findByTestId('my-application-20');
    expect(draftRow).toHaveTextContent('草稿');

    // Opened again: choosing the round loads that draft and says it is the one submitted.
    await user.click(screen.getByTestId('apply'));
    form = await screen.findByTestId('apply-form');
    await choose(user, selects(form)[0], 'JX2026-1 2026年度第一批');
    expect(await screen.findByTestId('apply-draft-reused')).toHaveTextContent('已载入你在本轮的草稿');
    expect(selects(form)[1]).toHaveTextContent('中级');
    await choose(user, selects(form)[1], '初级');
    await user.click(submitButton());
    await waitFor(() => expect(screen.queryByTestId('apply-form')).not.toBeInTheDocument());

    // The same application, changed and submitted: no second one, nothing left as a draft.
    expect(api.created).toHaveLength(1);
    expect(api.patched).toEqual([{ id: 20, version: 1, level: 'junior', statement: '', evidence: [] }]);
    expect(api.apps.map((a) => [a.id, a.level, a.status])).toEqual([[20, 'junior', 'submitted']]);
    await waitFor(() => expect(screen.getByTestId('my-application-20')).toHaveTextContent('已提交'));
    expect(screen.queryByTestId('draft-blocked')).not.toBeInTheDocument();
  });

  it('keeps what the teacher chose before the round, and changes the draft a school returned', async () => {
    const api = serveApi();
    api.apps.push(
      api.row({ id: 7, level: 'intermediate', statement: '企业实践证明已补齐', version: 4, history: [] }),
      // Another round's draft is not this round's.
      api.row({ id: 8, round: 2, round_code: 'JX2025-1', level: 'senior', version: 1 }),
    );
    const user = userEvent.setup({ delay: null });
    renderPanels();
    await screen.findByTestId('my-application-7');
    await user.click(screen.getByTestId('apply'));
    const form = await screen.findByTestId('apply-form');
    await choose(user, selects(form)[1], '初级');
    await choose(user, selects(form)[0], 'JX2026-1 2026年度第一批');
    expect(await screen.findByTestId('apply-draft-reused')).toBeInTheDocument();
    expect(selects(form)[1]).toHaveTextContent('初级');
    expect(within(form).getByDisplayValue('企业实践证明已补齐')).toBeInTheDocument();
    await user.click(submitButton());
    await waitFor(() => expect(screen.queryByTestId('apply-form')).not.toBeInTheDocument());
    expect(api.created).toHaveLength(0);
    expect(api.patched).toEqual([{ id: 7, version: 4, level: 'junior', statement: '企业实践证明已补齐', evidence: [] }]);
  });

  it('starts an application where the teacher has no draft in the round', async () => {
    const api = serveApi();
    const user = userEvent.setup({ delay: null });
    renderPanels();
    await user.click(await screen.findByTestId('apply'));
    const form = await screen.findByTestId('apply-form');
    await choose(user, selects(form)[0], 'JX2026-1 2026年度第一批');
    await choose(user, selects(form)[1], '初级');
    expect(screen.queryByTestId('apply-draft-reused')).not.toBeInTheDocument();
    await user.click(submitButton());
    await waitFor(() => expect(screen.queryByTestId('apply-form')).not.toBeInTheDocument());
    expect(api.created).toEqual([{ round: 1, level: 'junior', teacher: 1 }]);
    expect(api.patched).toHaveLength(0);
  });
});

describe('the proposal drawer on a phone', () => {
  const mask = () => document.querySelector('.ant-drawer-mask') as HTMLElement;

  it('closes on a tap beside it while empty', async () => {
    phoneScreen();
    const onClose = vi.fn();
    renderWithProviders(<ProposeDrawer kind="certificate" teacher={1} open onClose={onClose} />);
    await screen.findByTestId('propose-form');
    fireEvent.click(mask());
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('stays open on a tap beside it once something is typed; its close button still closes it', async () => {
    phoneScreen();
    const onClose = vi.fn();
    renderWithProviders(<ProposeDrawer kind="certificate" teacher={1} open onClose={onClose} />);
    const form = await screen.findByTestId('propose-form');
    fireEvent.change(within(form).getByLabelText('证书名称'), { target: { value: '电工' } });
    fireEvent.click(mask());
    expect(onClose).not.toHaveBeenCalled();
    expect(within(form).getByDisplayValue('电工')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /close|关闭/i }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
