import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';

import type { Me } from '@/lib/auth';
import i18n from '@/lib/i18n';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { ReviewPage } from './review-page';

// Round 47: an application the school returned to the teacher (DESIGN §8: status `draft`, its
// last history step a return) read 已退回 with the opinion on the teacher's /me, but 草稿 in
// the school HR's review list and drawer. Both now read it through one helper.
const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const hr = {
  id: 3, username: 'hr_a', full_name: '人事处', role: 'school_hr',
  school: 1, school_name: '南昌职业学院', training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: null, teacher_name: null, must_change_password: false,
} as unknown as Me;
const step = (stage: string, extra = {}) => ({
  stage, actor: 'hr_a', actor_name: '人事处', actor_role: 'school_hr', decision: '', opinion: '', at: '2026-12-03T09:00:00+08:00', ...extra,
});
const app = (id: number, name: string, history: unknown[]) => ({
  id, round: 1, round_code: 'JX2026-1', teacher: id, teacher_name: name, school: 1, school_name: '南昌职业学院',
  level: 'intermediate', statement: '本人从事电工教学十年', evidence: [], evidence_files: [], eligibility: null, votes: [],
  publicity_until: null, recognition: null, teacher_has_left: false, status: 'draft', version: 3, history,
});
const returned = app(7, '王小明', [step('draft'), step('submit'), step('school_review', { decision: 'return', opinion: '请补充企业实践证明' })]);
// A draft never reviewed stays 草稿.
const fresh = app(8, '李华', [step('draft')]);

function serve() {
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognitions/gaps/`, () => HttpResponse.json({ should_apply: [], no_longer_qualified: [] })),
    http.get(`${API}/recognition-applications/7/`, () => HttpResponse.json(returned)),
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json({ ...empty, count: 2, results: [returned, fresh] })),
  );
}

function renderQueue() {
  const router = createMemoryRouter([{ path: '/recognition', element: <ReviewPage me={hr} /> }], {
    initialEntries: ['/recognition'],
  });
  renderWithProviders(<RouterProvider router={router} />);
}

const rowOf = async (name: string) => (await screen.findByText(name)).closest('tr') as HTMLElement;

afterEach(async () => {
  await act(() => i18n.changeLanguage('zh-CN'));
});

describe("school HR's review list and a returned application", () => {
  it('reads 已退回 in the list, not 草稿; a draft never reviewed stays 草稿', async () => {
    serve();
    renderQueue();
    const row = await rowOf('王小明');
    expect(within(row).getByTestId('status-returned')).toHaveTextContent('已退回');
    expect(row).not.toHaveTextContent('草稿');
    expect(within(await rowOf('李华')).getByTestId('status-draft')).toHaveTextContent('草稿');
  });

  it('its drawer reads 已退回 with the return opinion', async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    renderQueue();
    await user.click(await screen.findByText('王小明'));
    const drawer = (await screen.findByTestId('return-opinion')).closest('.ant-drawer') as HTMLElement;
    expect(within(drawer).getByTestId('status-returned')).toHaveTextContent('已退回');
    expect(within(drawer).queryByTestId('status-draft')).not.toBeInTheDocument();
    expect(within(drawer).getByTestId('return-opinion')).toHaveTextContent('退回意见：请补充企业实践证明');
  });

  it('reads Returned in English', async () => {
    await act(() => i18n.changeLanguage('en'));
    serve();
    const user = userEvent.setup({ delay: null });
    renderQueue();
    const row = await rowOf('王小明');
    expect(within(row).getByTestId('status-returned')).toHaveTextContent('Returned');
    await user.click(within(row).getByText('王小明'));
    expect(await screen.findByTestId('return-opinion')).toHaveTextContent('Return opinion');
  });
});
