import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { MyRecordPanels } from './my-record';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const step = (stage: string, at: string, decision = '', opinion = '') => ({ stage, actor: 't_wang', decision, opinion, at });
const base = {
  round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '王小明', school: 1, school_name: '南昌职业学院',
  level: 'junior', statement: '', evidence: [], evidence_files: [], eligibility: { level: 'junior', missing: [] },
  votes: [], publicity_until: null, recognition: null, version: 2,
};
const submitted = {
  ...base, id: 1, status: 'submitted',
  history: [step('draft', '2026-12-01T09:00:00+08:00'), step('submit', '2026-12-02T09:00:00+08:00')],
};
const returned = {
  ...base, id: 2, round_code: 'JX2025-2', status: 'draft',
  history: [
    step('draft', '2026-11-01T09:00:00+08:00'),
    step('submit', '2026-11-02T09:00:00+08:00'),
    step('school_review', '2026-11-03T09:00:00+08:00', 'return', '企业实践证明不全'),
  ],
};

const recognized = {
  ...base, id: 3, round_code: 'JX2024-1', status: 'recognized',
  history: [step('finalize', '2026-10-09T12:00:00+08:00', 'recognized', 'JX2024-1-00007')],
};

function serve() {
  server.use(
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json({ ...empty, count: 3, results: [submitted, returned, recognized] })),
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

const count = (text: string, word: string) => text.split(word).length - 1;

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe("a teacher's application rows", () => {
  it('say the status once, and when the last step was (zh-CN)', async () => {
    serve();
    const row = await screen.findByTestId('my-application-1');
    expect(count(row.textContent ?? '', '提交')).toBe(1); // the tag 已提交, not 提交 beside it
    expect(row).toHaveTextContent('已提交');
    expect(row).toHaveTextContent('2026-12-02');
  });

  it('say who returned an application, with the decision and the opinion', async () => {
    serve();
    const row = await screen.findByTestId('my-application-2');
    expect(row).toHaveTextContent('学校审核 · 退回修改：企业实践证明不全');
    expect(row).toHaveTextContent('2026-11-03');
  });

  it('name a recognition by its certificate number, not "recognized" twice', async () => {
    serve();
    const row = await screen.findByTestId('my-application-3');
    expect(count(row.textContent ?? '', '认定')).toBe(1);
    expect(row).toHaveTextContent('证书编号：JX2024-1-00007 · 2026-10-09');
  });

  it('read as well in English', async () => {
    await i18n.changeLanguage('en');
    serve();
    const row = await screen.findByTestId('my-application-1');
    expect(count(row.textContent ?? '', 'Submitted')).toBe(1);
    expect(row).toHaveTextContent('2026-12-02');
    const back = await screen.findByTestId('my-application-2');
    expect(back).toHaveTextContent('School review · Return: 企业实践证明不全');
  });
});
