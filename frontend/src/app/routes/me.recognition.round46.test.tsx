import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { markSignedIn } from '@/lib/auth';
import { db } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 46 (DESIGN §8: the computed verdict and the official recognition side by side
// everywhere): a teacher's own page showed the recognition only under 我的认定证书, not beside
// the computed level. The verdict card now shows it there, as the HR teacher page does.

const empty = { count: 0, next: null, previous: null, results: [] };
const teacherMe = {
  id: 9, username: 't_wang', full_name: '王伟', role: 'teacher' as const,
  school: null, school_name: null, training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: 1, teacher_name: '王伟', must_change_password: false,
};
const junior = {
  id: 9, teacher: 1, teacher_name: '王伟', school: 1, school_name: '学校', level: 'junior',
  round: 1, round_code: 'JX2025', round_name: '2025 年认定', application: 3,
  certificate_no: 'JX2025-00001', recognized_on: '2025-06-30', valid_until: '2030-06-30',
  status: 'active', revoked_on: null, revoke_reason: '',
};

function serve(recognitions: object[]) {
  const seen: URLSearchParams[] = [];
  server.use(
    http.get('/api/v1/recognitions/', ({ request }) => {
      seen.push(new URL(request.url).searchParams);
      return HttpResponse.json({ ...empty, count: recognitions.length, results: recognitions });
    }),
    http.get('/api/v1/my-record/', () =>
      HttpResponse.json({ teacher: 1, certificates: [], enterprise_periods: [], completions: [], evidence: [] }),
    ),
    http.get('/api/v1/recognition-applications/', () => HttpResponse.json(empty)),
  );
  return seen;
}

function item(card: HTMLElement, label: string): HTMLElement {
  return within(card).getByText(label).closest('.ant-descriptions-item') as HTMLElement;
}

describe("the teacher's own page: the official recognition beside the computed level", () => {
  it('shows the level, until when and the certificate in the verdict card', async () => {
    const seen = serve([junior]);
    db.me = { ...teacherMe };
    markSignedIn(true);
    renderApp('/me');
    const card = await screen.findByTestId('qualification-card');
    const official = await within(card).findByTestId('official-recognition');
    expect(item(card, '官方认定')).toContainElement(official);
    expect(official).toHaveTextContent('初级');
    expect(official).toHaveTextContent('有效期至 2030-06-30');
    expect(within(official).getByRole('link', { name: 'JX2025-00001' })).toHaveAttribute(
      'href',
      '/recognition/certificates/9',
    );
    expect(item(card, '测算等级').closest('tr')).toBe(item(card, '官方认定').closest('tr'));
    expect(seen.some((p) => p.get('teacher') === '1' && p.get('status') === 'active')).toBe(true);
  });

  it('says so when none is in force', async () => {
    serve([]);
    db.me = { ...teacherMe };
    markSignedIn(true);
    renderApp('/me');
    const card = await screen.findByTestId('qualification-card');
    expect(await within(card).findByTestId('official-recognition')).toHaveTextContent('无有效认定');
  });
});
