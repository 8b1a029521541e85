import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const application = {
  id: 5, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '王小明', school: 1,
  school_name: '江西示范职业技术学院', level: 'junior', statement: '十年教学', evidence: [31, 32],
  evidence_files: [
    {
      id: 31, filename: '电工三级证书.pdf', kind: 'certificate', description: '', content_type: 'application/pdf',
      size: 245760, certificate: 4, enterprise_period: null, record: '职业技能等级证书 · 三级/高级工 · 电工',
    },
    {
      id: 32, filename: '技能大赛获奖.png', kind: 'achievement', description: '省级技能大赛二等奖', content_type: 'image/png',
      size: 812, certificate: null, enterprise_period: null, record: '',
    },
  ],
  status: 'submitted', eligibility: { level: 'junior', missing: [] }, history: [],
  votes: [], publicity_until: null, recognition: null, version: 2,
};

function serve() {
  server.use(
    http.get(`${API}/recognition-applications/5/`, () => HttpResponse.json(application)),
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognitions/gaps/`, () => HttpResponse.json({ should_apply: [], no_longer_qualified: [] })),
    http.get(`${API}/ratios/summary/`, () =>
      HttpResponse.json({ province: { in_scope: 10, qualified: 7, ratio: 0.7, recognized: 5, recognized_ratio: 0.5, recognized_gap: 2, target: 0.6 } }),
    ),
  );
}

describe('the review drawer\'s evidence', () => {
  it('names each file, its kind and the record it backs, and opens it for download', async () => {
    loginAs('hr_a');
    serve();
    renderApp('/recognition?application=5');
    const files = await screen.findByTestId('application-evidence');
    expect(files).not.toHaveTextContent('#31');
    const first = within(files).getByRole('link', { name: /电工三级证书\.pdf/ });
    expect(first).toHaveAttribute('href', '/api/v1/evidence-files/31/download/');
    expect(files).toHaveTextContent('证书');
    expect(files).toHaveTextContent('职业技能等级证书 · 三级/高级工 · 电工');
    expect(files).toHaveTextContent('240 KB');
    const second = within(files).getByRole('link', { name: /技能大赛获奖\.png/ });
    expect(second).toHaveAttribute('href', '/api/v1/evidence-files/32/download/');
    expect(files).toHaveTextContent('业绩成果');
    expect(files).toHaveTextContent('省级技能大赛二等奖');
  });

  it('reads in English too', async () => {
    await i18n.changeLanguage('en');
    try {
      loginAs('hr_a');
      serve();
      renderApp('/recognition?application=5');
      const files = await screen.findByTestId('application-evidence');
      expect(files).toHaveTextContent('Achievement');
      expect(files).toHaveTextContent('812 B');
      expect(files).not.toHaveTextContent('File #');
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
