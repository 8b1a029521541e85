import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { markSignedIn } from '@/lib/auth';
import i18n from '@/lib/i18n';
import { db, loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp, renderWithProviders } from '@/testing/test-utils';

import { ApplyModal } from './my-record';
import { ProposeDrawer } from './propose-drawer';

const API = '/api/v1';
const teacherMe = {
  id: 9, username: 't_wang', full_name: '王小明', role: 'teacher' as const,
  school: null, school_name: null, training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: 1, teacher_name: '王小明', must_change_password: true,
};

const empty = { count: 0, next: null, previous: null, results: [] };

/** One application in publicity (万燕's, until 2026-12-10). */
function servePublicity() {
  const row = {
    id: 8, round: 1, round_code: 'JX2026-1', teacher_name: '万燕', school_name: '南昌工业职业技术学院',
    level: 'junior', status: 'publicized', publicity_until: '2026-12-10',
  };
  return http.get(`${API}/recognition-applications/publicity/`, () => HttpResponse.json({ ...empty, count: 1, results: [row] }));
}

/** Two rounds (one open, one closed) and one recognition issued in the first. */
function serveRounds() {
  const round = {
    id: 1, code: 'JX2026-1', name: '2026年度第一批', opens_on: '2026-11-15', closes_on: '2027-01-14',
    publicity_days: 7, validity_years: 5, levels: ['junior'], rule_version: 1, experts: [], version: 1,
  };
  const rounds = [
    { ...round, status: 'open' },
    { ...round, id: 2, code: 'JX2025-1', name: '2025年度', opens_on: '2025-12-05', closes_on: '2026-01-04', status: 'closed' },
  ];
  const recognition = {
    id: 1, teacher: 1, teacher_name: '夏娟强', school: 1, school_name: '江西示范职业技术学院', level: 'intermediate',
    round: 1, round_code: 'JX2026-1', round_name: '2026年度第一批', application: 5, certificate_no: 'JX2026-1-00001',
    recognized_on: '2026-12-05', valid_until: '2031-12-05', status: 'active',
  };
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json({ ...empty, count: 2, results: rounds })),
    http.get(`${API}/recognitions/`, () => HttpResponse.json({ ...empty, count: 1, results: [recognition] })),
  );
}

describe('recognition', () => {
  it('a first login goes to the password page and on to my record once changed', async () => {
    db.me = { ...teacherMe };
    markSignedIn(true);
    let sent: unknown = null;
    server.use(
      http.post(`${API}/auth/password/`, async ({ request }) => {
        sent = await request.json();
        db.me = { ...teacherMe, must_change_password: false };
        return HttpResponse.json(db.me);
      }),
      http.get(`${API}/my-record/`, () =>
        HttpResponse.json({ teacher: 1, certificates: [], enterprise_periods: [], completions: [], evidence: [] }),
      ),
      http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
      http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    );
    const { router } = renderApp('/me');
    const user = userEvent.setup({ delay: null });
    await waitFor(() => expect(router.state.location.pathname).toBe('/password'));
    expect(await screen.findByText('首次登录，请先设置自己的密码。')).toBeInTheDocument();
    await user.type(screen.getByLabelText('当前密码'), 'Initial-1');
    await user.type(screen.getByLabelText('新密码'), 'Brand-new-pass-7');
    await user.type(screen.getByLabelText('再次输入新密码'), 'Brand-new-pass-7');
    await user.click(screen.getByRole('button', { name: '保存新密码' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/me'));
    expect(sent).toEqual({ old_password: 'Initial-1', new_password: 'Brand-new-pass-7' });
  });

  it('the public verification page shows the masked holder and nothing more', async () => {
    db.me = null;
    server.use(
      http.get(`${API}/public/verify/JX2026-1-00001/`, () =>
        HttpResponse.json({
          certificate_no: 'JX2026-1-00001', name: '王*明', school: '南昌职业学院', level: 'junior',
          recognized_on: '2026-12-01', valid_until: '2031-12-01', status: 'active',
        }),
      ),
      http.get(`${API}/public/verify/NOPE/`, () => HttpResponse.json({ detail: 'Not found.' }, { status: 404 })),
    );
    const { unmount } = renderApp('/verify/JX2026-1-00001');
    const result = await screen.findByTestId('verify-result');
    expect(result).toHaveTextContent('王*明');
    expect(result).toHaveTextContent('初级');
    expect(result).toHaveTextContent('有效');
    unmount();
    renderApp('/verify/NOPE');
    expect(await screen.findByText('未找到编号为 NOPE 的证书')).toBeInTheDocument();
  });

  it('an alert link opens its application in the review queue', async () => {
    loginAs('hr_a');
    const application = {
      id: 5, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '王小明', school: 1,
      school_name: '江西示范职业技术学院', level: 'junior', statement: '十年教学', evidence: [],
      status: 'submitted', eligibility: { level: 'intermediate', missing: [] }, history: [],
      votes: [], publicity_until: null, recognition: null, version: 2,
    };
    server.use(
      http.get(`${API}/recognition-applications/5/`, () => HttpResponse.json(application)),
      http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
      http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
      http.get(`${API}/recognitions/gaps/`, () => HttpResponse.json({ should_apply: [], no_longer_qualified: [] })),
      http.get(`${API}/ratios/summary/`, () =>
        HttpResponse.json({ province: { in_scope: 10, qualified: 7, ratio: 0.7, recognized: 5, recognized_ratio: 0.5, recognized_gap: 2, target: 0.6 } }),
      ),
    );
    renderApp('/recognition?application=5');
    expect(await screen.findByText('王小明 · JX2026-1')).toBeInTheDocument();
    expect(screen.getByTestId('approve')).toBeInTheDocument();
    expect(screen.getByTestId('recognized-share')).toHaveTextContent('5/10');
    // The queue is a card of its own, its bulk approval in the card's header.
    const queue = screen.getByText('认定申请').closest('.ant-card') as HTMLElement;
    expect(within(queue).getByTestId('bulk-approve').closest('.ant-card-head')).not.toBeNull();
    expect(within(queue).getByTestId('status-filter')).toBeInTheDocument();
  });

  it('the review drawer says what the teacher lacks in the screen\'s language, not the API\'s English', async () => {
    loginAs('hr_a');
    const missing = [
      { code: 'YEARS', quantity: 1, unit: 'years', message: 'qualification.missing.teaching_years', params: { years: 1 }, text: 'needs 1 more years of teaching', distance: 365, one_of: false, needed: 0 },
      { code: 'E_PRACTICE', quantity: 74, unit: 'days', message: 'qualification.missing.e_practice', params: { days: 74, years: 5 }, text: 'needs 74 more days of enterprise practice in the last 5 years', distance: 74, one_of: true, needed: 1 },
    ];
    const application = {
      id: 6, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '王小明', school: 1,
      school_name: '江西示范职业技术学院', level: 'junior', statement: '', evidence: [],
      status: 'submitted', eligibility: { level: 'junior', missing }, history: [],
      votes: [], publicity_until: null, recognition: null, version: 1,
    };
    server.use(
      http.get(`${API}/recognition-applications/6/`, () => HttpResponse.json(application)),
      http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
      http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
      http.get(`${API}/recognitions/gaps/`, () => HttpResponse.json({ should_apply: [], no_longer_qualified: [] })),
    );
    renderApp('/recognition?application=6');
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('再任教 1 年')).toBeInTheDocument();
    expect(within(drawer).getByText('再完成 74 天企业实践')).toBeInTheDocument();
    expect(drawer).not.toHaveTextContent('needs');
    // For which level, and which items are alternatives.
    const needs = within(drawer).getByTestId('next-level-needs');
    expect(needs).toHaveTextContent(/^升至中级还需：再任教 1 年以下任选 1 项：再完成 74 天企业实践$/);
    await i18n.changeLanguage('en');
    try {
      expect(await within(drawer).findByText('1 more year of teaching')).toBeInTheDocument();
      expect(within(drawer).getByText('74 more days of enterprise practice')).toBeInTheDocument();
      expect(within(drawer).getByTestId('next-level-needs')).toHaveTextContent(
        /^To reach Intermediate:1 more year of teachingAny 1 of:74 more days of enterprise practice$/,
      );
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('lists the rounds in a card, each open for applications or closed', async () => {
    loginAs('province');
    serveRounds();
    renderApp('/recognition/rounds');
    const card = (await screen.findByText('认定批次', { selector: '.ant-card-head-title' })).closest('.ant-card') as HTMLElement;
    expect(within(card).getByRole('button', { name: /新建批次/ }).closest('.ant-card-head')).not.toBeNull();
    const statuses = await within(card).findAllByTestId('round-status');
    // A round's own words, not an application's (it read 已提交 and 已撤回).
    expect(statuses.map((tag) => tag.textContent)).toEqual(['申报中', '已截止']);
    expect(within(card).getAllByRole('columnheader').map((h) => h.textContent).slice(0, 3)).toEqual(['编号', '名称', '申报时间']);
    // The rule version as the rules page names it.
    const row = within(card).getByText('2026年度第一批').closest('tr') as HTMLElement;
    expect(within(row).getByRole('cell', { name: 'v1' })).toBeInTheDocument();
  });

  it('shows each round\'s name and status first on a phone, and whose each recognition is', async () => {
    phoneScreen();
    loginAs('province');
    serveRounds();
    renderApp('/recognition/rounds');
    const card = (await screen.findByText('认定批次', { selector: '.ant-card-head-title' })).closest('.ant-card') as HTMLElement;
    const row = (await within(card).findByText('2026年度第一批')).closest('tr') as HTMLElement;
    expect(within(card).getAllByRole('columnheader').map((h) => h.textContent).slice(0, 2)).toEqual(['名称', '状态']);
    expect(within(row).getByTestId('round-code')).toHaveTextContent('JX2026-1 · 2026-11-15 — 2027-01-14');
    const issued = (await screen.findByText('夏娟强')).closest('.ant-card') as HTMLElement;
    // Whether it stands sits under the level (four columns ran past a phone in English).
    expect(within(issued).getAllByRole('columnheader').map((h) => h.textContent).slice(0, 2)).toEqual(['教师', '等级']);
    expect(within(issued).getByTestId('recognition-school')).toHaveTextContent('江西示范职业技术学院');
  });

  it('shows on a phone whose application it is and its status first, the school under the name', async () => {
    phoneScreen();
    loginAs('hr_a');
    const application = {
      id: 5, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '王小明', school: 1,
      school_name: '江西示范职业技术学院', level: 'junior', statement: '', evidence: [],
      status: 'submitted', eligibility: { level: 'junior', missing: [] }, history: [],
      votes: [], publicity_until: null, recognition: null, version: 2,
    };
    server.use(
      http.get(`${API}/recognition-applications/`, () => HttpResponse.json({ ...empty, count: 1, results: [application] })),
      http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
      http.get(`${API}/recognitions/gaps/`, () => HttpResponse.json({ should_apply: [], no_longer_qualified: [] })),
      http.get(`${API}/ratios/summary/`, () =>
        HttpResponse.json({ province: { in_scope: 10, qualified: 7, ratio: 0.7, recognized: 5, recognized_ratio: 0.5, recognized_gap: 2, target: 0.6 } }),
      ),
    );
    renderApp('/recognition');
    const queue = (await screen.findByText('王小明')).closest('.ant-card') as HTMLElement;
    const headers = within(queue).getAllByRole('columnheader').map((h) => h.textContent);
    // The first header is the row selection's (bulk approval).
    expect(headers.slice(1, 3)).toEqual(['教师', '状态']);
    expect(headers).not.toContain('学校');
    expect(within(queue).getByTestId('application-school')).toHaveTextContent('江西示范职业技术学院');
  });
  it('sends a teacher from the review queues to their own record, and refuses base staff', async () => {
    db.me = { ...teacherMe, must_change_password: false };
    markSignedIn(true);
    server.use(
      http.get(`${API}/my-record/`, () =>
        HttpResponse.json({ teacher: 1, certificates: [], enterprise_periods: [], completions: [], evidence: [] }),
      ),
      http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
      http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    );
    const { router, unmount } = renderApp('/recognition');
    await waitFor(() => expect(router.state.location.pathname).toBe('/me'));
    unmount();

    loginAs('base_a');
    renderApp('/recognition');
    expect(await screen.findByText('403')).toBeInTheDocument();
  });
  it('the confirmations page points HR to the teacher list for opening accounts in bulk', async () => {
    loginAs('hr_a');
    server.use(http.get(`${API}/record-confirmations/`, () => HttpResponse.json([])));
    renderApp('/recognition/confirmations');
    expect(await screen.findByText(/在教师名单中勾选教师/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /去教师名单/ }));
    // The teacher list, where HR select rows and create their accounts.
    expect(await screen.findByTestId('create-teacher-accounts')).toBeInTheDocument();
  });
  it('words each proposed record in the reader\'s language, not in codes', async () => {
    loginAs('hr_a');
    const row = {
      teacher: 1, teacher_name: '王小明', date: '2024-07-01', evidence: [],
      summary: 'Vocational skill level (职业技能等级证书) grade3 电工 ZS-1',
    };
    server.use(
      http.get(`${API}/record-confirmations/`, () =>
        HttpResponse.json([
          { ...row, type: 'certificate', id: 3, kind: 'skill_level', level: 'grade3', name: '电工', detail: 'ZS-1' },
          { ...row, type: 'enterprise_period', id: 4, kind: 'practice', level: '', name: '江铃汽车', detail: '' },
        ]),
      ),
    );
    renderApp('/recognition/confirmations');
    const cert = await screen.findByTestId('pending-certificate-3');
    expect(cert).toHaveTextContent('职业技能等级证书 · 三级/高级工 · 电工 · ZS-1');
    expect(screen.getByTestId('pending-enterprise_period-4')).toHaveTextContent('企业实践 · 江铃汽车');
    expect(document.body).not.toHaveTextContent('grade3');
    await i18n.changeLanguage('en');
    try {
      expect(await screen.findByText(/Vocational skill level · Grade 3 \/ senior worker · 电工/)).toBeInTheDocument();
      expect(screen.getByTestId('pending-enterprise_period-4')).toHaveTextContent('Enterprise practice · 江铃汽车');
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
  it('a refused application says once what the next level needs, and a second try submits the same draft', async () => {
    const message = '按认定规则只能认定为 初级，低于申报等级。升至中级还需：以下任选 1 项：完成 40 学时培训／取得四级及以上技能证书（与任教专业相关）';
    serveRounds();
    const created: unknown[] = [];
    const patched: unknown[] = [];
    let submits = 0;
    server.use(
      // No application before this one.
      http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
      http.post(`${API}/recognition-applications/`, async ({ request }) => {
        created.push(await request.json());
        return HttpResponse.json({ id: 9, round: 1, version: 1 }, { status: 201 });
      }),
      http.patch(`${API}/recognition-applications/9/`, async ({ request }) => {
        patched.push(await request.json());
        return HttpResponse.json({ id: 9, round: 1, version: 2 });
      }),
      http.post(`${API}/recognition-applications/9/submit/`, () => {
        submits += 1;
        return submits === 1
          ? HttpResponse.json({ level: [message], missing: ['完成 40 学时培训', '取得四级及以上技能证书（与任教专业相关）'] }, { status: 400 })
          : HttpResponse.json({ id: 9, round: 1, status: 'submitted', version: 3 });
      }),
    );
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ApplyModal teacher={1} files={[]} onClose={() => undefined} />);
    const form = await screen.findByTestId('apply-form');
    const [round, level] = Array.from(form.querySelectorAll<HTMLElement>('.ant-select'));
    await user.click(round.querySelector('input') as HTMLElement);
    await user.click(await screen.findByTitle('JX2026-1 2026年度第一批'));
    await user.click(level.querySelector('input') as HTMLElement);
    await user.click(await screen.findByTitle('高级'));
    await user.click(screen.getByRole('button', { name: /提\s*交/ }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    // Not listed a second time under it, item by item.
    expect(screen.queryByText('完成 40 学时培训')).not.toBeInTheDocument();
    // A second try at 初级 changes the draft the refusal left and submits it: no second draft.
    await user.click(level.querySelector('input') as HTMLElement);
    await user.click(await screen.findByTitle('初级'));
    await user.click(screen.getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(submits).toBe(2));
    expect(created).toHaveLength(1);
    expect(patched).toEqual([{ version: 1, level: 'junior' }]);
  });

  it('a teacher picks the certificate level from the kind\'s levels, not by typing a code', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ProposeDrawer kind="certificate" teacher={1} open onClose={() => undefined} />);
    const form = await screen.findByTestId('propose-form');
    const [kind, level] = Array.from(form.querySelectorAll<HTMLElement>('.ant-select'));
    expect(level).toHaveClass('ant-select-disabled');
    expect(form).toHaveTextContent('先选择证书类别');
    await user.click(kind.querySelector('input') as HTMLElement);
    await user.click(await screen.findByTitle('职业技能等级证书'));
    await waitFor(() => expect(level).not.toHaveClass('ant-select-disabled'));
    await user.click(level.querySelector('input') as HTMLElement);
    expect(await screen.findByTitle('三级/高级工')).toBeInTheDocument();
    expect(screen.queryByTitle('中等职业学校教师资格')).not.toBeInTheDocument();
  });

  it('opens the proposal as a bottom sheet on a phone and beside the page on a desktop', async () => {
    const { unmount } = renderWithProviders(
      <ProposeDrawer kind="certificate" teacher={1} open onClose={() => undefined} />,
    );
    await screen.findByTestId('propose-form');
    expect(document.querySelector('.ant-drawer-right')).toBeInTheDocument();
    unmount();
    phoneScreen();
    renderWithProviders(<ProposeDrawer kind="certificate" teacher={1} open onClose={() => undefined} />);
    await screen.findByTestId('propose-form');
    expect(document.querySelector('.ant-drawer-bottom')).toBeInTheDocument();
  });

  it('lists those in publicity in a card, and says why an objection is refused', async () => {
    loginAs('base_a');
    server.use(
      servePublicity(),
      http.post(`${API}/recognition-applications/8/objections/`, () =>
        HttpResponse.json({ detail: 'Publicity ended on 2026-12-10.' }, { status: 400 }),
      ),
    );
    renderApp('/recognition/publicity');
    const card = (await screen.findByText('万燕')).closest('.ant-card') as HTMLElement;
    expect(within(card).getByText('认定公示')).toBeInTheDocument();
    expect(within(card).getAllByRole('columnheader')[0]).toHaveTextContent('教师');
    const user = userEvent.setup({ delay: null });
    await user.click(within(card).getByTestId('object-8'));
    await user.type(await screen.findByTestId('objection-reason'), '材料不实');
    await user.click(screen.getByRole('button', { name: /确\s*定|OK/ }));
    expect(await screen.findByText('Publicity ended on 2026-12-10.')).toBeInTheDocument();
  });

  it('on a phone fits each row: the school under the teacher, the last day under the level, the objection under the status', async () => {
    phoneScreen();
    loginAs('base_a');
    server.use(
      servePublicity(),
    );
    renderApp('/recognition/publicity');
    const line = (await screen.findByText('万燕')).closest('tr') as HTMLElement;
    const card = line.closest('.ant-card') as HTMLElement;
    // Three columns: nobody scrolls sideways to find the button that objects.
    expect(within(card).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['教师', '等级', '状态']);
    expect(within(line).getByTestId('publicity-school')).toHaveTextContent('南昌工业职业技术学院');
    const [, level, status] = within(line).getAllByRole('cell');
    expect(level).toHaveTextContent('初级');
    expect(within(level).getByTestId('publicity-until')).toHaveTextContent('2026-12-10 截止');
    expect(status).toHaveTextContent('公示中');
    expect(within(status).getByTestId('object-8')).toHaveTextContent('提出异议');
    expect(within(card).queryByText('JX2026-1')).not.toBeInTheDocument();
  });
});
