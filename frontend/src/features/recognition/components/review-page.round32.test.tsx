import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { markSignedIn } from '@/lib/auth';
import { db } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const expertMe = {
  id: 12, username: 'expert_a', full_name: '评审专家', role: 'expert' as const,
  school: 2, school_name: '景德镇陶瓷中等专业学校', training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: null, teacher_name: null, must_change_password: false,
};
const application = {
  id: 9, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '郭超', school: 1,
  school_name: '南昌工业职业技术学院', level: 'junior', statement: '', evidence: [],
  status: 'school_approved', eligibility: { level: 'junior', missing: [] }, history: [],
  votes: [], publicity_until: null, recognition: null, version: 2,
};

describe('an expert voting on an application', () => {
  it('says a refused vote under the opinion it needs, not in a dialog, and clears it once written', async () => {
    db.me = { ...expertMe };
    markSignedIn(true);
    const votes: unknown[] = [];
    server.use(
      http.get(`${API}/recognition-applications/9/`, () => HttpResponse.json(application)),
      http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
      http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
      http.post(`${API}/recognition-applications/9/votes/`, async ({ request }) => {
        const body = (await request.json()) as { opinion: string };
        votes.push(body);
        if (!body.opinion) return HttpResponse.json({ opinion: ['退回或不同意时须填写意见。'] }, { status: 400 });
        return HttpResponse.json({ ...application, votes: [{ expert: 'expert_a', decision: 'reject', opinion: body.opinion, at: '2026-12-06T10:00:00+08:00' }] });
      }),
    );
    renderApp('/recognition?application=9');
    const user = userEvent.setup({ delay: null });
    const form = await screen.findByTestId('review-form');
    await user.click(within(form).getByRole('button', { name: /不同意|reject/i }));
    const said = await within(form).findByText('退回或不同意时须填写意见。');
    const opinion = within(form).getByRole('textbox');
    expect(said.closest('.ant-form-item')).toBe(opinion.closest('.ant-form-item'));
    expect(document.querySelector('.ant-modal-confirm')).toBeNull();
    await user.type(opinion, '企业实践证明不足');
    await waitFor(() => expect(within(form).queryByText('退回或不同意时须填写意见。')).not.toBeInTheDocument());
    await user.click(within(form).getByRole('button', { name: /不同意|reject/i }));
    await waitFor(() => expect(votes).toHaveLength(2));
    expect(votes[1]).toEqual({ decision: 'reject', opinion: '企业实践证明不足' });
  });
});
