import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';

import type { Me } from '@/lib/auth';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { MyRecordPanels } from './my-record';
import { ReviewPage } from './review-page';

// Round 46 (QA, 390 px and 1440 px): the browser's Back threw away what was typed in a drawer
// or modal, unasked — the page changed under the propose drawer, the review drawer and the
// apply modal. Back now closes the drawer (its own history entry) and stays on the page; with
// typed input it asks first, and staying keeps the input.
const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const ASKED = '有未保存的修改';
const round = {
  id: 1, code: 'JX2026-1', name: '2026年度第一批', opens_on: '2026-11-15', closes_on: '2027-01-14', status: 'open',
  publicity_days: 7, validity_years: 5, levels: ['junior', 'intermediate', 'senior'], rule_version: 1, experts: [], version: 1,
};
const expert = {
  id: 12, username: 'expert_a', full_name: '评审专家', role: 'expert',
  school: null, school_name: null, training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: null, teacher_name: null, must_change_password: false,
} as unknown as Me;
const step = (stage: string, extra = {}) => ({
  stage, actor: 'hr_a', actor_name: '人事处', actor_role: 'school_hr', decision: '', opinion: '', at: '2026-12-06T14:05:00+08:00', ...extra,
});
const waiting = {
  id: 9, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '郭超', school: 1,
  school_name: '南昌工业职业技术学院', level: 'junior', statement: '', evidence: [], evidence_files: [],
  status: 'school_approved', eligibility: { level: 'junior', missing: [] },
  history: [step('submit'), step('school_review', { decision: 'approve' })],
  votes: [] as unknown[], publicity_until: null, recognition: null, version: 4,
};
const returned = {
  id: 7, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '王小明', school: 1, school_name: '南昌职业学院',
  level: 'intermediate', statement: '本人从事电工教学十年', evidence: [], evidence_files: [], eligibility: null, votes: [],
  publicity_until: null, recognition: null, teacher_has_left: false, status: 'draft', version: 3,
  history: [step('draft'), step('submit'), step('school_review', { decision: 'return', opinion: '请补充企业实践证明' })],
};

function serve() {
  const apps: Record<string, unknown>[] = [];
  const sent: unknown[] = [];
  let review = { ...waiting };
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json({ ...empty, count: 1, results: [round] })),
    http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    http.get(`${API}/my-record/`, () =>
      HttpResponse.json({ teacher: 1, certificates: [], enterprise_periods: [], completions: [], evidence: [] }),
    ),
    http.get(`${API}/recognition-applications/9/`, () => HttpResponse.json(review)),
    http.get(`${API}/recognition-applications/`, ({ request }) =>
      new URL(request.url).searchParams.get('status') === 'school_approved'
        ? HttpResponse.json({ ...empty, count: 1, results: [review] })
        : HttpResponse.json({ ...empty, count: apps.length, results: apps }),
    ),
    http.post(`${API}/recognition-applications/`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      sent.push(body);
      const app = { ...returned, ...body, id: 20, status: 'draft', version: 1, history: [step('draft')] };
      apps.push(app);
      return HttpResponse.json(app, { status: 201 });
    }),
    http.patch(`${API}/recognition-applications/7/`, async ({ request }) => {
      const app = apps.find((a) => a.id === 7) as Record<string, unknown>;
      Object.assign(app, (await request.json()) as object, { version: 4 });
      return HttpResponse.json(app);
    }),
    http.post(`${API}/recognition-applications/:id/submit/`, ({ params }) => {
      const app = apps.find((a) => a.id === Number(params.id)) as Record<string, unknown>;
      Object.assign(app, { status: 'submitted' });
      return HttpResponse.json(app);
    }),
    http.post(`${API}/recognition-applications/9/votes/`, async ({ request }) => {
      const body = (await request.json()) as { decision: string; opinion: string };
      sent.push(body);
      review = { ...review, votes: [{ expert: 'expert_a', expert_name: '评审专家', ...body, at: '2026-12-08T09:00:00+08:00' }] };
      return HttpResponse.json(review);
    }),
  );
  return { apps, sent };
}

/** The page at `path`, reached from another page (the dashboard): Back has somewhere to go. */
function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/', element: <div data-testid="dashboard">工作台</div> },
      { path: '/me', element: <MyRecordPanels teacher={1} /> },
      { path: '/recognition', element: <ReviewPage me={expert} /> },
    ],
    { initialEntries: ['/', path], initialIndex: 1 },
  );
  renderWithProviders(<RouterProvider router={router} />);
  return router;
}

const back = (router: ReturnType<typeof renderAt>) => act(() => router.navigate(-1));
const where = (router: ReturnType<typeof renderAt>) => router.state.location.pathname + router.state.location.search;

/** The unsaved-changes question on screen, not yet answered (antd keeps an answered one in
 * the test DOM, hidden). */
const asked = () => Array.from(document.querySelectorAll<HTMLElement>('.ant-modal-confirm:not([data-answered])'));

/** The question, waited for, checked and answered. */
async function answer(user: ReturnType<typeof userEvent.setup>, button: string | RegExp) {
  await waitFor(() => expect(asked()).toHaveLength(1));
  const confirm = asked()[0];
  expect(confirm).toHaveTextContent(ASKED);
  expect(confirm).toHaveTextContent('离开此页面将丢弃未保存的修改。');
  confirm.setAttribute('data-answered', '');
  await user.click(within(confirm).getByRole('button', { name: button }));
}
const STAY = '留在此页';
const LEAVE = /离\s*开/;

async function choose(user: ReturnType<typeof userEvent.setup>, select: HTMLElement, title: string) {
  await user.click(select.querySelector('input') as HTMLElement);
  await user.click(await screen.findByTitle(title));
}

describe('a teacher on /me pressing Back in the propose drawer', () => {
  it('with an enterprise typed: asked first; staying keeps it, leaving closes the drawer on /me', async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    const router = renderAt('/me');
    await user.click(await screen.findByTestId('propose-period'));
    const form = await screen.findByTestId('propose-form');
    await user.type(within(form).getByLabelText('企业名称'), '江铃汽车');
    expect(where(router)).toBe('/me?propose=enterprise_period');

    await back(router);
    await answer(user, STAY);
    expect(where(router)).toBe('/me?propose=enterprise_period');
    expect(within(screen.getByTestId('propose-form')).getByLabelText('企业名称')).toHaveValue('江铃汽车');

    // Asked again at the next Back; leaving closes the drawer, and the page stays.
    await back(router);
    await answer(user, LEAVE);
    await waitFor(() => expect(screen.queryByTestId('propose-form')).not.toBeInTheDocument());
    expect(where(router)).toBe('/me');
    expect(screen.getByTestId('propose-period')).toBeInTheDocument();
  });

  it('with nothing typed: Back just closes the drawer and stays on /me; Forward opens it again', async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    const router = renderAt('/me');
    await user.click(await screen.findByTestId('propose-certificate'));
    await screen.findByTestId('propose-form');

    await back(router);
    await waitFor(() => expect(screen.queryByTestId('propose-form')).not.toBeInTheDocument());
    expect(where(router)).toBe('/me');
    expect(asked()).toHaveLength(0);
    expect(screen.queryByTestId('dashboard')).not.toBeInTheDocument();

    await act(() => router.navigate(1));
    expect(await screen.findByTestId('propose-form')).toBeInTheDocument();
  });
});

describe('the apply modal and Back', () => {
  it('asks while a statement is typed and keeps it; once submitted, nothing asks', async () => {
    const api = serve();
    const user = userEvent.setup({ delay: null });
    const router = renderAt('/me');
    await user.click(await screen.findByTestId('apply'));
    const form = await screen.findByTestId('apply-form');
    await user.type(within(form).getByLabelText('个人陈述'), '从事电工教学十年');

    await back(router);
    await answer(user, STAY);
    expect(within(screen.getByTestId('apply-form')).getByLabelText('个人陈述')).toHaveValue('从事电工教学十年');
    expect(where(router)).toBe('/me?apply=new');

    const selects = Array.from(form.querySelectorAll<HTMLElement>('.ant-select'));
    await choose(user, selects[0], 'JX2026-1 2026年度第一批');
    await choose(user, selects[1], '初级');
    await user.click(within(form.closest('.ant-modal') as HTMLElement).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(screen.queryByTestId('apply-form')).not.toBeInTheDocument());
    expect(api.apps.map((a) => a.status)).toEqual(['submitted']);
    expect(where(router)).toBe('/me');
    expect(asked()).toHaveLength(0);
  });

  it('a returned draft opened from its link (?apply=7, a reload): nothing typed, Back closes it on /me', async () => {
    const api = serve();
    api.apps.push({ ...returned });
    const user = userEvent.setup({ delay: null });
    const router = renderAt('/me?apply=7');
    const form = await screen.findByTestId('apply-form');
    expect(within(form).getByLabelText('个人陈述')).toHaveValue('本人从事电工教学十年');
    // Its cancel takes the param away in place: still on /me.
    await user.click(within(form.closest('.ant-modal') as HTMLElement).getByRole('button', { name: /取\s*消/ }));
    await waitFor(() => expect(screen.queryByTestId('apply-form')).not.toBeInTheDocument());
    expect(where(router)).toBe('/me');

    // Edited again from its row: Back closes it, unasked.
    await user.click(await screen.findByTestId('edit-application'));
    await screen.findByTestId('apply-form');
    expect(where(router)).toBe('/me?apply=7');
    await back(router);
    await waitFor(() => expect(screen.queryByTestId('apply-form')).not.toBeInTheDocument());
    expect(where(router)).toBe('/me');
    expect(asked()).toHaveLength(0);
  });
});

describe('an expert pressing Back in the review drawer', () => {
  async function openRow(user: ReturnType<typeof userEvent.setup>) {
    await user.click(await screen.findByText('郭超'));
    return screen.findByTestId('review-form');
  }

  it('with an opinion typed: asked first, staying keeps the opinion', async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    const router = renderAt('/recognition');
    const form = await openRow(user);
    expect(where(router)).toBe('/recognition?application=9');
    await user.type(within(form).getByRole('textbox'), '企业实践材料不足');

    await back(router);
    await answer(user, STAY);
    expect(where(router)).toBe('/recognition?application=9');
    expect(within(screen.getByTestId('review-form')).getByRole('textbox')).toHaveValue('企业实践材料不足');
  });

  it('with nothing typed, or once the vote is in: Back closes the drawer and stays on the queue', async () => {
    const api = serve();
    const user = userEvent.setup({ delay: null });
    const router = renderAt('/recognition');
    await openRow(user);
    await back(router);
    await waitFor(() => expect(screen.queryByTestId('review-form')).not.toBeInTheDocument());
    expect(where(router)).toBe('/recognition');
    expect(asked()).toHaveLength(0);

    const form = await openRow(user);
    await user.type(within(form).getByRole('textbox'), '材料属实');
    await user.click(within(form).getByTestId('vote-approve'));
    await screen.findByTestId('my-vote');
    expect(api.sent).toEqual([{ decision: 'approve', opinion: '材料属实' }]);
    await back(router);
    await waitFor(() => expect(screen.queryByTestId('review-form')).not.toBeInTheDocument());
    expect(where(router)).toBe('/recognition');
    expect(asked()).toHaveLength(0);
  });

  it("a notification's link (?application=9): its close button stays on the queue; Back with an opinion asks", async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    const router = renderAt('/recognition?application=9');
    let drawer = (await screen.findByTestId('review-form')).closest('.ant-drawer') as HTMLElement;
    await user.click(within(drawer).getByRole('button', { name: /close|关闭/i }));
    await waitFor(() => expect(screen.queryByTestId('review-form')).not.toBeInTheDocument());
    expect(where(router)).toBe('/recognition');

    // A link to it again (a second alert): Back with an opinion typed…
    await act(() => router.navigate('/recognition?application=9'));
    drawer = (await screen.findByTestId('review-form')).closest('.ant-drawer') as HTMLElement;
    await user.type(within(drawer).getByRole('textbox'), '材料不全');
    // …once asked.
    await back(router);
    await answer(user, STAY);
    expect(within(screen.getByTestId('review-form')).getByRole('textbox')).toHaveValue('材料不全');
  });
});
