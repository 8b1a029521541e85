import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { MyRecordPanels } from './my-record';

// DESIGN §8: "A returned application is edited and submitted again". On /me a returned draft
// read 草稿 and offered only 提交 (sending it back unchanged) and 撤回 (round 46).
const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const round = {
  id: 1, code: 'JX2026-1', name: '2026年度第一批', opens_on: '2026-11-15', closes_on: '2027-01-14', status: 'open',
  publicity_days: 7, validity_years: 5, levels: ['junior', 'intermediate', 'senior'], rule_version: 1, experts: [], version: 1,
};
const step = (stage: string, extra = {}) => ({
  stage, actor: 'hr_a', actor_name: '人事处', actor_role: 'school_hr', decision: '', opinion: '', at: '2026-12-03T09:00:00+08:00', ...extra,
});
const returned = {
  id: 7, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '王小明', school: null, school_name: '南昌职业学院',
  level: 'intermediate', statement: '本人从事电工教学十年', evidence: [31], evidence_files: [], eligibility: null, votes: [],
  publicity_until: null, recognition: null, teacher_has_left: false, status: 'draft', version: 3,
  history: [step('draft'), step('submit'), step('school_review', { decision: 'return', opinion: '请补充企业实践证明' })],
};
const files = [
  { id: 31, filename: '电工证.pdf', kind: 'certificate', description: '' },
  { id: 32, filename: '企业实践证明.pdf', kind: 'enterprise', description: '' },
];

function serveApi(apps: Record<string, unknown>[]) {
  const patched: unknown[] = [];
  const submitted: number[] = [];
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json({ ...empty, count: 1, results: [round] })),
    http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    http.get(`${API}/my-record/`, () =>
      HttpResponse.json({ teacher: 1, certificates: [], enterprise_periods: [], completions: [], evidence: files }),
    ),
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json({ ...empty, count: apps.length, results: apps })),
    http.patch(`${API}/recognition-applications/:id/`, async ({ params, request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      patched.push({ id: Number(params.id), ...body });
      return HttpResponse.json({ ...returned, ...body, version: 4 });
    }),
    http.post(`${API}/recognition-applications/:id/submit/`, ({ params }) => {
      submitted.push(Number(params.id));
      return HttpResponse.json({ ...returned, status: 'submitted', version: 5 });
    }),
  );
  return { patched, submitted };
}

function renderPanels() {
  renderWithProviders(
    <MemoryRouter>
      <MyRecordPanels teacher={1} />
    </MemoryRouter>,
  );
}

describe('a returned application on /me', () => {
  it('reads 已退回 with the opinion, not 草稿', async () => {
    serveApi([returned]);
    renderPanels();
    const row = await screen.findByTestId('my-application-7');
    expect(within(row).getByTestId('status-returned')).toHaveTextContent('已退回');
    expect(row).not.toHaveTextContent('草稿');
    expect(row).toHaveTextContent('请补充企业实践证明');
  });

  it('is edited in the apply modal, loaded with its level, statement and files, then submitted', async () => {
    const api = serveApi([returned]);
    const user = userEvent.setup({ delay: null });
    renderPanels();
    const row = await screen.findByTestId('my-application-7');
    await user.click(within(row).getByRole('button', { name: /修\s*改/ }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('修改申请');
    const form = within(dialog).getByTestId('apply-form');
    expect(form).toHaveTextContent('JX2026-1 2026年度第一批');
    expect(form).toHaveTextContent('中级');
    expect(within(form).getByRole('textbox')).toHaveValue('本人从事电工教学十年');
    expect(form).toHaveTextContent('电工证.pdf');
    // Not the "your draft is loaded" note of a new application: this is the draft.
    expect(screen.queryByTestId('apply-draft-reused')).not.toBeInTheDocument();

    // The teacher adds the proof the school asked for and submits.
    const evidence = form.querySelectorAll<HTMLElement>('.ant-select')[2];
    await user.click(evidence.querySelector('input') as HTMLElement);
    await user.click(await screen.findByTitle('企业实践证明.pdf'));
    await user.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(api.submitted).toEqual([7]));
    expect(api.patched).toEqual([
      { id: 7, version: 3, level: 'intermediate', statement: '本人从事电工教学十年', evidence: [31, 32] },
    ]);
  });

  it('says Returned and Edit in English', async () => {
    serveApi([returned]);
    await i18n.changeLanguage('en');
    try {
      renderPanels();
      const row = await screen.findByTestId('my-application-7');
      expect(within(row).getByTestId('status-returned')).toHaveTextContent('Returned');
      expect(within(row).getByRole('button', { name: 'Edit' })).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('a draft nobody returned still reads 草稿, and can be edited too', async () => {
    serveApi([{ ...returned, history: [step('draft')] }]);
    renderPanels();
    const row = await screen.findByTestId('my-application-7');
    expect(within(row).getByTestId('status-draft')).toHaveTextContent('草稿');
    expect(within(row).getByRole('button', { name: /修\s*改/ })).toBeInTheDocument();
  });

  it('a submitted application offers no edit', async () => {
    serveApi([{ ...returned, status: 'submitted', history: [step('draft'), step('submit')] }]);
    renderPanels();
    const row = await screen.findByTestId('my-application-7');
    expect(within(row).queryByRole('button', { name: /修\s*改/ })).not.toBeInTheDocument();
  });
});
