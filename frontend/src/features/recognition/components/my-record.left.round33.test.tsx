import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { MyRecordPanels } from './my-record';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const step = (stage: string, at: string) => ({ stage, actor: 't_wang', decision: '', opinion: '', at });
const base = {
  round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '王小明', school: 1, school_name: '南昌职业学院',
  level: 'junior', statement: '', evidence: [], evidence_files: [], eligibility: { level: 'junior', missing: [] },
  votes: [], publicity_until: null, recognition: null, version: 1,
};
// Round 1: one application submitted, and a second draft beside it (the API refuses to submit it).
const submitted = { ...base, id: 1, status: 'submitted', history: [step('submit', '2026-12-02T09:00:00+08:00')] };
const secondDraft = { ...base, id: 2, status: 'draft', history: [step('draft', '2026-12-03T09:00:00+08:00')] };
// Round 2: a draft and only a withdrawn one beside it: it may still be submitted.
const withdrawn = { ...base, id: 3, round: 2, round_code: 'JX2026-2', status: 'withdrawn', history: [step('withdraw', '2026-12-01T09:00:00+08:00')] };
const freeDraft = { ...base, id: 4, round: 2, round_code: 'JX2026-2', status: 'draft', history: [step('draft', '2026-12-04T09:00:00+08:00')] };

function serve() {
  server.use(
    http.get(`${API}/recognition-applications/`, () =>
      HttpResponse.json({ ...empty, count: 4, results: [submitted, secondDraft, withdrawn, freeDraft] }),
    ),
    http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    http.get(`${API}/my-record/`, () =>
      HttpResponse.json({ teacher: 1, certificates: [], enterprise_periods: [], completions: [], evidence: [] }),
    ),
  );
  renderWithProviders(
    <MemoryRouter>
      <MyRecordPanels teacher={1} />
    </MemoryRouter>,
  );
}

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('a second draft in a round already applied for (round 33)', () => {
  it('is not offered for submission, and says why and what can be done', async () => {
    serve();
    const row = await screen.findByTestId('my-application-2');
    expect(within(row).queryByRole('button', { name: /^提\s*交$/ })).not.toBeInTheDocument();
    expect(within(row).getByTestId('draft-blocked')).toHaveTextContent('本轮已提交申请，此草稿不能再提交');
    // The API deletes no application; a draft is withdrawn instead.
    expect(within(row).getByTestId('draft-blocked')).toHaveTextContent('可撤回');
    expect(within(row).getByRole('button', { name: /撤\s*回/ })).toBeInTheDocument();
  });

  it('leaves a draft whose round has nothing past draft submittable', async () => {
    serve();
    const row = await screen.findByTestId('my-application-4');
    expect(within(row).getByRole('button', { name: /^提\s*交$/ })).toBeInTheDocument();
    expect(within(row).queryByTestId('draft-blocked')).not.toBeInTheDocument();
  });

  it('says it in English too', async () => {
    await i18n.changeLanguage('en');
    serve();
    const row = await screen.findByTestId('my-application-2');
    expect(within(row).queryByRole('button', { name: /^Submit$/ })).not.toBeInTheDocument();
    expect(within(row).getByTestId('draft-blocked')).toHaveTextContent(/already applied in this round/);
    expect(within(row).getByTestId('draft-blocked')).toHaveTextContent(/withdraw/i);
  });
});
