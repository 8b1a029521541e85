import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { markSignedIn } from '@/lib/auth';
import i18n from '@/lib/i18n';
import { db } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

// Round 46: an expert saw no sign of their own vote (both buttons offered again, a second vote
// silently replacing the first); the drawer named the computed level 规则判定 where the teacher
// pages say 测算等级; at 390 px its labels broke two characters a line (申报/等级).
const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const me = (role: 'province' | 'expert') => ({
  id: role === 'province' ? 1 : 12, username: role === 'province' ? 'province' : 'expert_a',
  full_name: role === 'province' ? '省厅管理员' : '评审专家', role,
  school: null, school_name: null, training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: null, teacher_name: null, must_change_password: false,
});
const step = (stage: string, actor: string, extra = {}) => ({
  stage, actor, actor_name: actor, actor_role: 'school_hr', decision: '', opinion: '', at: '2026-12-06T14:05:00+08:00', ...extra,
});
const vote = { expert: 'expert_a', expert_name: '张教授', decision: 'approve', opinion: '材料属实', at: '2026-12-07T10:30:00+08:00' };
const waiting = {
  id: 9, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '郭超', school: 1,
  school_name: '南昌工业职业技术学院', level: 'junior', statement: '', evidence: [], evidence_files: [],
  status: 'school_approved', eligibility: { level: 'junior', missing: [] },
  history: [step('submit', 't_guo'), step('school_review', 'hr_a', { decision: 'approve' })],
  votes: [] as (typeof vote)[], publicity_until: null, recognition: null, version: 4,
};

function serve(app: typeof waiting) {
  const sent: unknown[] = [];
  let current = app;
  server.use(
    http.get(`${API}/recognition-applications/9/`, () => HttpResponse.json(current)),
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json({ ...empty, count: 1, results: [current] })),
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognitions/gaps/`, () => HttpResponse.json({ should_apply: [], no_longer_qualified: [] })),
    http.post(`${API}/recognition-applications/9/votes/`, async ({ request }) => {
      const body = (await request.json()) as { decision: string; opinion: string };
      sent.push(body);
      current = { ...current, votes: [{ ...vote, ...body, at: '2026-12-08T09:00:00+08:00' }] };
      return HttpResponse.json(current);
    }),
  );
  return sent;
}

async function openDrawer(role: 'province' | 'expert') {
  db.me = me(role);
  markSignedIn(true);
  renderApp('/recognition?application=9');
  return screen.findByRole('dialog');
}

describe('an expert and their own vote', () => {
  it('sees their vote once cast, and the buttons as a change of it', async () => {
    const sent = serve(waiting);
    const drawer = await openDrawer('expert');
    const form = await within(drawer).findByTestId('review-form');
    expect(within(drawer).queryByTestId('my-vote')).not.toBeInTheDocument();
    expect(within(form).getByTestId('vote-approve')).toHaveTextContent('评议同意');

    const user = userEvent.setup({ delay: null });
    await user.type(within(form).getByRole('textbox'), '材料属实');
    await user.click(within(form).getByTestId('vote-approve'));
    const mine = await within(drawer).findByTestId('my-vote');
    expect(mine).toHaveTextContent('你的意见：同意');
    expect(mine).toHaveTextContent('材料属实');
    expect(mine).toHaveTextContent('2026-12-08 09:00');
    expect(within(form).getByTestId('vote-approve')).toHaveTextContent('改为同意');
    expect(within(form).getByTestId('vote-reject')).toHaveTextContent('改为不同意');
    expect(sent).toEqual([{ decision: 'approve', opinion: '材料属实' }]);
  });

  it('reads an earlier vote when the drawer opens, in English too', async () => {
    serve({ ...waiting, votes: [vote] });
    await i18n.changeLanguage('en');
    try {
      const drawer = await openDrawer('expert');
      const mine = await within(drawer).findByTestId('my-vote');
      expect(mine).toHaveTextContent('Your vote: Approve');
      expect(mine).toHaveTextContent('材料属实');
      expect(within(drawer).getByTestId('vote-approve')).toHaveTextContent('Change to approve');
      expect(within(drawer).getByTestId('vote-reject')).toHaveTextContent('Change to reject');
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('is not shown to the province as its own vote, nor another expert’s as theirs', async () => {
    serve({ ...waiting, votes: [{ ...vote, expert: 'expert_b', expert_name: '李教授' }] });
    const drawer = await openDrawer('expert');
    await within(drawer).findByTestId('review-form');
    expect(within(drawer).queryByTestId('my-vote')).not.toBeInTheDocument();
    expect(within(drawer).getByTestId('vote-approve')).toHaveTextContent('评议同意');
  });

  it('gives the province no vote of its own', async () => {
    serve({ ...waiting, votes: [vote] });
    const drawer = await openDrawer('province');
    await within(drawer).findByTestId('review-form');
    expect(within(drawer).queryByTestId('my-vote')).not.toBeInTheDocument();
    expect(within(drawer).queryByTestId('vote-approve')).not.toBeInTheDocument();
  });
});

describe('the review drawer’s words and labels', () => {
  it('names the computed level 测算等级, as the teacher pages do', async () => {
    serve(waiting);
    const drawer = await openDrawer('province');
    await waitFor(() => expect(drawer).toHaveTextContent('测算等级'));
    expect(drawer).not.toHaveTextContent('规则判定');
  });

  it('keeps each label on one line on a phone, above its value', async () => {
    phoneScreen();
    serve(waiting);
    const drawer = await openDrawer('expert');
    for (const text of ['申报等级', '测算等级', '佐证材料']) {
      const label = (await within(drawer).findByText(text)).closest('.ant-descriptions-item-label');
      expect(label).toHaveStyle({ whiteSpace: 'nowrap' });
    }
    // Vertical: the label's row holds no value (初级 is on the row under it).
    const asked = within(drawer).getByText('申报等级').closest('tr') as HTMLElement;
    expect(asked).not.toHaveTextContent('初级');
    expect(asked.nextElementSibling).toHaveTextContent('初级');
  });
});
