import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { markSignedIn } from '@/lib/auth';
import i18n from '@/lib/i18n';
import { db } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const me = (role: 'province' | 'expert') => ({
  id: role === 'province' ? 1 : 12, username: role === 'province' ? 'province' : 'expert_a',
  full_name: role === 'province' ? '省厅管理员' : '评审专家', role,
  school: null, school_name: null, training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: null, teacher_name: null, must_change_password: false,
});
const day = (offset: number) => dayjs().add(offset, 'day').format('YYYY-MM-DD');
const step = (stage: string, actor: string | null, actor_name: string | null, actor_role: string | null, extra = {}) => ({
  stage, actor, actor_name, actor_role, decision: '', opinion: '', at: '2026-12-06T14:05:00+08:00', ...extra,
});
const history = [
  step('submit', 't_guo', '郭超', 'teacher'),
  step('school_review', 'hr_a', '人事处(南昌工业职院)', 'school_hr', { decision: 'approve', opinion: '同意' }),
  step('vote', 'expert_a', '张教授', 'expert', { decision: 'approve', opinion: '属实' }),
  step('province_review', 'province', '省厅管理员', 'province', { decision: 'approve' }),
];
const application = {
  id: 9, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '郭超', school: 1,
  school_name: '南昌工业职业技术学院', level: 'junior', statement: '', evidence: [], evidence_files: [],
  status: 'publicized', eligibility: { level: 'junior', missing: [] }, history,
  votes: [{ expert: 'expert_a', expert_name: '张教授', decision: 'approve', opinion: '属实', at: '2026-12-06T14:05:00+08:00' }],
  publicity_until: day(3), recognition: null, version: 4,
};

function serve(app: Record<string, unknown>, more: Parameters<typeof server.use> = []) {
  server.use(
    http.get(`${API}/recognition-applications/9/`, () => HttpResponse.json(app)),
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json({ ...empty, count: 1, results: [app] })),
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognitions/gaps/`, () => HttpResponse.json({ should_apply: [], no_longer_qualified: [] })),
    ...more,
  );
}

async function openDrawer(role: 'province' | 'expert') {
  db.me = me(role);
  markSignedIn(true);
  renderApp('/recognition?application=9');
  return screen.findByRole('dialog');
}

describe('the review history', () => {
  it('names each person and their role, not their login, with the time of the step', async () => {
    serve({ ...application, history: [...history, step('objection', '', '', ''), step('finalize', null, null, null, { decision: 'recognized', opinion: 'JX2026-1-00001' })] });
    const drawer = await openDrawer('expert');
    const text = drawer.textContent ?? '';
    expect(text).toContain('人事处(南昌工业职院)（学校人事）');
    expect(text).toContain('张教授（认定专家）');
    expect(text).toContain('郭超（教师）');
    expect(text).toContain('2026-12-06 14:05');
    expect(text).not.toMatch(/hr_a|expert_a|t_guo/);
    // An objector hidden from this reader leaves no empty place; the nightly job is the system.
    expect(text).not.toContain(' ·  · ');
    expect(text).toContain('系统自动');
  });

  it('names the experts who voted in the queue', async () => {
    serve(application);
    db.me = me('province');
    markSignedIn(true);
    renderApp('/recognition');
    expect(await screen.findByText('张教授')).toBeInTheDocument();
    expect(screen.queryByText('expert_a')).not.toBeInTheDocument();
  });

  it('shows a vote whose expert is not named to this reader as 专家, once per vote', async () => {
    const hidden = { expert: '', expert_name: '', decision: 'approve', opinion: '属实', at: '2026-12-06T14:05:00+08:00' };
    serve({ ...application, votes: [hidden, { ...hidden, decision: 'reject' }] });
    db.me = me('province');
    markSignedIn(true);
    renderApp('/recognition');
    await waitFor(() => expect(screen.getAllByText('专家')).toHaveLength(2));
    expect(screen.queryByText('张教授')).not.toBeInTheDocument();
  });

  it('reads in English with the role in English', async () => {
    serve(application);
    await i18n.changeLanguage('en');
    try {
      const drawer = await openDrawer('province');
      expect(drawer.textContent).toContain('人事处(南昌工业职院) (School HR)');
      expect(drawer.textContent).toContain('张教授 (Expert)');
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});

describe('the province ending publicity', () => {
  it('offers finalize only after publicity ends, and asks for no opinion it would not send', async () => {
    serve(application);
    const drawer = await openDrawer('province');
    const finalize = await within(drawer).findByTestId('finalize');
    expect(finalize).toBeDisabled();
    const next = dayjs().add(4, 'day').format('YYYY-MM-DD');
    expect(within(drawer).getByTestId('finalize-when')).toHaveTextContent(next);
    expect(within(drawer).queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('finalizes once publicity has ended', async () => {
    let sent = 0;
    serve({ ...application, publicity_until: day(-1) }, [
      http.post(`${API}/recognition-applications/9/finalize/`, () => {
        sent += 1;
        return HttpResponse.json({ ...application, status: 'recognized' });
      }),
    ]);
    const drawer = await openDrawer('province');
    const finalize = await within(drawer).findByTestId('finalize');
    expect(finalize).toBeEnabled();
    await userEvent.setup({ delay: null }).click(finalize);
    await waitFor(() => expect(sent).toBe(1));
  });
});

describe('the province resolving an objection', () => {
  const objected = { ...application, status: 'objected', history: [...history, step('objection', 'hr_b', '人事科(景德镇陶瓷中专)', 'school_hr')] };
  const objection = {
    id: 3, filed_by: 'hr_b', filed_by_name: '人事科(景德镇陶瓷中专)', filed_by_role: 'school_hr',
    reason: '企业实践期间仍在校全职授课，时间存疑。', filed_at: '2026-12-06T15:00:00+08:00',
    status: 'open', resolution: '', resolved_at: null,
  };

  it('reads the objections beside the decision and answers one that needs an opinion under it', async () => {
    const bodies: unknown[] = [];
    serve(objected, [
      http.get(`${API}/recognition-applications/9/objections/`, () => HttpResponse.json([objection])),
      http.post(`${API}/recognition-applications/9/resolve-objection/`, async ({ request }) => {
        const body = (await request.json()) as { opinion: string };
        bodies.push(body);
        if (!body.opinion) return HttpResponse.json({ opinion: ['该字段不能为空。'] }, { status: 400 });
        return HttpResponse.json({ ...objected, status: 'publicized' });
      }),
    ]);
    const drawer = await openDrawer('province');
    const list = await within(drawer).findByTestId('objections');
    expect(list).toHaveTextContent('企业实践期间仍在校全职授课，时间存疑。');
    expect(list).toHaveTextContent('人事科(景德镇陶瓷中专)（学校人事）');
    expect(list).toHaveTextContent('待处理');

    const form = within(drawer).getByTestId('review-form');
    expect(form).toHaveTextContent('处理意见（必填）');
    const user = userEvent.setup({ delay: null });
    const dismiss = within(form).getByRole('button', { name: '异议不成立' });
    await user.click(dismiss);
    expect(await within(form).findByText('该字段不能为空。')).toBeInTheDocument();
    // The same choice again, once the opinion is written, is sent again.
    await user.type(within(form).getByRole('textbox'), '经核查，异议不成立');
    await user.click(dismiss);
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toEqual({ upheld: false, opinion: '经核查，异议不成立' });
  });
});

describe('an expert voting', () => {
  it('is asked for the opinion a vote needs (there is no return)', async () => {
    serve({ ...application, status: 'school_approved', publicity_until: null, history: history.slice(0, 2), votes: [] });
    const drawer = await openDrawer('expert');
    const form = await within(drawer).findByTestId('review-form');
    expect(form).toHaveTextContent('评议意见（不同意时必填）');
    expect(form).not.toHaveTextContent('退回');
  });
});

describe('the province approving in bulk', () => {
  it('names the teacher of each application refused, not its id', async () => {
    const waiting = { ...application, status: 'school_approved', publicity_until: null };
    serve(waiting, [
      http.post(`${API}/recognition-applications/9/province-review/`, () =>
        HttpResponse.json({ status: ['申请当前为“公示中”状态，不能进行此操作。'] }, { status: 400 }),
      ),
    ]);
    db.me = me('province');
    markSignedIn(true);
    renderApp('/recognition');
    const user = userEvent.setup({ delay: null });
    const row = (await screen.findByText('郭超')).closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('checkbox'));
    await user.click(screen.getByTestId('bulk-approve'));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: /确 ?定|OK/ }));
    const refused = await screen.findByText(/申请当前为/);
    expect(refused).toHaveTextContent('郭超：申请当前为“公示中”状态，不能进行此操作。');
    expect(refused).not.toHaveTextContent('#9');
  });
});
