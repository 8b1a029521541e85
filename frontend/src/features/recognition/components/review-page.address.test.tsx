import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// The review queue keeps its round, status and page in the address: Back from an
// application's drawer or another page, a reload and a shared link keep them.
const API = '/api/v1';
const NO_MATCH = '没有符合条件的记录，请修改或清除搜索和筛选条件。';
const round = (id: number) => ({ id, code: `JX2026-${id}`, name: `第${id}批` });

/** The queue's handlers: rounds 1 and 2, 45 applications (one a page, named by the query),
 * none where `empty` says so; keeps each query. */
function queue({ empty = () => false }: { empty?: (q: URLSearchParams) => boolean } = {}) {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get(`${API}/recognition-rounds/`, () =>
      HttpResponse.json({ count: 2, next: null, previous: null, results: [round(1), round(2)] }),
    ),
    http.get(`${API}/recognitions/gaps/`, () => HttpResponse.json({ should_apply: [], no_longer_qualified: [] })),
    http.get(`${API}/recognition-applications/`, ({ request }) => {
      const q = new URL(request.url).searchParams;
      asked.push(q);
      if (empty(q)) return HttpResponse.json({ count: 0, next: null, previous: null, results: [] });
      const name = `批${q.get('round') ?? '全'}·${q.get('status') ?? '全部'}·页${q.get('page')}`;
      const application = {
        id: 9, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: name, school: 1,
        school_name: '南昌工业职业技术学院', level: 'junior', statement: '', evidence: [],
        status: q.get('status') ?? 'submitted', eligibility: { level: 'junior', missing: [] }, history: [],
        votes: [], publicity_until: null, recognition: null, version: 1,
      };
      return HttpResponse.json({ count: 45, next: null, previous: null, results: [application] });
    }),
  );
  return asked;
}

const chosen = (name: string) =>
  screen.getByRole('combobox', { name }).closest('.ant-select')?.querySelector('[title]')?.getAttribute('title');
const query = (search: string) => Object.fromEntries(new URLSearchParams(search));

describe('the review queue in the address', () => {
  it('opens with the address’s round, status and page, and asks the API for them', async () => {
    const asked = queue();
    loginAs('hr_a');
    renderApp('/recognition?round=2&status=objected&page=2');
    expect(await screen.findByText('批2·objected·页2')).toBeInTheDocument();
    await waitFor(() => expect(chosen('批次')).toBe('JX2026-2 第2批'));
    expect(chosen('状态')).toBe('有异议');
    expect(screen.getByText('共 45 条')).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: '2' })).toHaveClass('ant-pagination-item-active');
    // Never asked without the round while the rounds were read.
    expect(asked.every((q) => q.get('round') === '2' && q.get('status') === 'objected')).toBe(true);
  });

  it('writes a changed round or status to the address, back at the first page; the role’s queue stays out of it', async () => {
    const asked = queue();
    loginAs('hr_a');
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp('/recognition?page=3');
    // School HR's queue: the submitted ones.
    expect(await screen.findByText('批全·submitted·页3')).toBeInTheDocument();
    expect(chosen('状态')).toBe('已提交');

    await user.click(screen.getByRole('combobox', { name: '批次' }));
    await user.click((await screen.findAllByTitle('JX2026-1 第1批')).at(-1)!);
    expect(await screen.findByText('批1·submitted·页1')).toBeInTheDocument();
    expect(query(router.state.location.search)).toEqual({ round: '1' });

    await waitFor(() => user.click(screen.getByRole('listitem', { name: '2' })));
    expect(await screen.findByText('批1·submitted·页2')).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: '状态' }));
    await user.click((await screen.findAllByTitle('已认定')).at(-1)!);
    expect(await screen.findByText('批1·recognized·页1')).toBeInTheDocument();
    expect(query(router.state.location.search)).toEqual({ round: '1', status: 'recognized' });

    // Cleared, the status filter is every status: `all` in the address, no status to the API.
    const status = screen.getByRole('combobox', { name: '状态' }).closest('.ant-select') as HTMLElement;
    await user.hover(status);
    await user.click(status.querySelector('.ant-select-clear') as HTMLElement);
    expect(await screen.findByText('批1·全部·页1')).toBeInTheDocument();
    expect(query(router.state.location.search)).toEqual({ round: '1', status: 'all' });
    expect(asked.at(-1)?.has('status')).toBe(false);

    // The role's own queue again is the address without a status.
    await user.click(screen.getByRole('combobox', { name: '状态' }));
    await user.click((await screen.findAllByTitle('已提交')).at(-1)!);
    expect(await screen.findByText('批1·submitted·页1')).toBeInTheDocument();
    expect(query(router.state.location.search)).toEqual({ round: '1' });
  });

  it('leaves out a round that is not one, an unknown status and a bad page', async () => {
    const asked = queue();
    loginAs('hr_a');
    renderApp('/recognition?round=99&status=approved&page=abc');
    expect(await screen.findByText('批全·submitted·页1')).toBeInTheDocument();
    expect(asked.every((q) => !q.has('round') && q.get('status') === 'submitted' && q.get('page') === '1')).toBe(true);
    expect(chosen('批次')).toBeFalsy();
  });

  it('says nothing matches when the queue’s filter finds no application', async () => {
    queue({ empty: () => true });
    loginAs('hr_a');
    renderApp('/recognition?round=1');
    expect(await screen.findByText(NO_MATCH)).toBeInTheDocument();
  });

  it('says nothing waits when the role’s own queue is empty', async () => {
    queue({ empty: () => true });
    loginAs('hr_a');
    renderApp('/recognition');
    expect(await screen.findByText('暂无待您处理的申报')).toBeInTheDocument();
    expect(screen.queryByText(NO_MATCH)).not.toBeInTheDocument();
  });
});
