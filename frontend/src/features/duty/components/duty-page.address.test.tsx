import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// The duty page keeps its teachers' school, "only short" switch and page in the address, and
// the summary's page and order under `s_`: Back from a teacher comes back to the same list.
const NO_MATCH = '没有符合条件的记录，请修改或清除搜索和筛选条件。';

// Twelve schools (two pages of the summary): school n has n teachers short of 20.
const SCHOOLS = Array.from({ length: 12 }, (_, i) => ({
  school: { id: i + 1, code: `S${i + 1}`, name: `学校${i + 1}号` },
  teachers: 20,
  short: i + 1,
  share_short: (i + 1) / 20,
}));

const row = (name: string) => ({
  teacher: { id: 1, name, staff_no: 'T001', school: { id: 1, name: '学校1号' } },
  days_in_window: 100,
  required: 180,
  short_by: 80,
  window_start: '2021-12-01',
  window_end: '2026-12-01',
  lapses_on: null,
});

/** The duty handlers: 45 teachers, one a page named by the query; none where `empty` says so. Keeps each query. */
function duty({ empty = () => false }: { empty?: (q: URLSearchParams) => boolean } = {}) {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get('/api/v1/practice-duty/summary/', () => HttpResponse.json(SCHOOLS)),
    http.get('/api/v1/practice-duty/', ({ request }) => {
      const q = new URL(request.url).searchParams;
      asked.push(q);
      if (empty(q)) return HttpResponse.json({ count: 0, next: null, previous: null, results: [] });
      const name = `校${q.get('school') ?? '全'}·${q.get('short') ? '不足' : '全部'}·页${q.get('page')}`;
      return HttpResponse.json({ count: 45, next: null, previous: null, results: [row(name)] });
    }),
  );
  return asked;
}

const card = (title: string) => screen.getByText(title).closest('.ant-card') as HTMLElement;
const query = (search: string) => Object.fromEntries(new URLSearchParams(search));

describe('the duty page in the address', () => {
  it('opens with the address’s school, switch, pages and order, and asks the API for them', async () => {
    const asked = duty();
    loginAs('province');
    renderApp('/practice-duty?school=3&short=false&page=2&s_page=2&s_ordering=short');
    expect(await screen.findByRole('link', { name: '校3·全部·页2' })).toBeInTheDocument();
    expect(screen.getByTestId('duty-short')).not.toBeChecked();
    const teachers = card('企业实践义务');
    expect(within(teachers).getByText('共 45 条')).toBeInTheDocument();
    expect(within(teachers).getByRole('listitem', { name: '2' })).toHaveClass('ant-pagination-item-active');
    // The summary: its second page by the number short, ascending (schools 11 and 12).
    const summary = card('各校企业实践不足情况');
    expect(within(summary).getByRole('columnheader', { name: /不足人数/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(within(summary).getByText('学校11号')).toBeInTheDocument();
    expect(within(summary).getByText('共 12 条')).toBeInTheDocument();
    expect(Object.fromEntries(asked.at(-1)!)).toEqual({ school: '3', page: '2', page_size: '20' });
  });

  it('writes the switch and a chosen school to the address, back at the first page; the summary keeps its own', async () => {
    const asked = duty();
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp('/practice-duty?page=3&s_page=2');
    expect(await screen.findByRole('link', { name: '校全·不足·页3' })).toBeInTheDocument();
    await user.click(screen.getByTestId('duty-short'));
    expect(await screen.findByRole('link', { name: '校全·全部·页1' })).toBeInTheDocument();
    expect(query(router.state.location.search)).toEqual({ short: 'false', s_page: '2' });

    // A school chosen in the summary (its second page: the smallest shares short) filters the
    // teachers.
    const summary = card('各校企业实践不足情况');
    await waitFor(() => user.click(within(summary).getByText('学校2号')));
    expect(await screen.findByRole('link', { name: '校2·全部·页1' })).toBeInTheDocument();
    expect(query(router.state.location.search)).toEqual({ short: 'false', s_page: '2', school: '2' });
    expect(within(summary).getByText('学校2号').closest('tr')).toHaveClass('ant-table-row-selected');

    // The summary's order: the share short, descending first, is its default (out of the address).
    await waitFor(() => user.click(within(summary).getByRole('columnheader', { name: /不足占比/ })));
    await waitFor(() => expect(query(router.state.location.search)).toEqual({ short: 'false', school: '2', s_ordering: 'share' }));
    expect(asked.at(-1)?.get('school')).toBe('2');
    await waitFor(() => user.click(within(summary).getByRole('columnheader', { name: /不足占比/ })));
    await waitFor(() => expect(query(router.state.location.search)).toEqual({ short: 'false', school: '2' }));
  });

  it('leaves out a school that is not one of the user’s, or no number', async () => {
    for (const school of ['99', 'abc', '1.5']) {
      const asked = duty();
      loginAs('province');
      const { unmount } = renderApp(`/practice-duty?school=${school}`);
      expect(await screen.findByRole('link', { name: '校全·不足·页1' })).toBeInTheDocument();
      expect(asked.every((q) => !q.has('school'))).toBe(true);
      unmount();
    }
  });

  it('sends no school for school HR (their own is the only one)', async () => {
    const asked = duty();
    loginAs('hr_a');
    renderApp('/practice-duty?school=3');
    expect(await screen.findByRole('link', { name: '校全·不足·页1' })).toBeInTheDocument();
    expect(asked.every((q) => !q.has('school'))).toBe(true);
  });

  it('says in words that no teacher is short, and no data when there are no teachers', async () => {
    duty({ empty: () => true });
    loginAs('hr_a');
    const user = userEvent.setup({ delay: null });
    renderApp('/practice-duty');
    expect(await screen.findByText('没有企业实践不足的教师')).toBeInTheDocument();
    expect(screen.queryByText(NO_MATCH)).not.toBeInTheDocument();
    await user.click(screen.getByTestId('duty-short'));
    await waitFor(() => expect(screen.queryByText('没有企业实践不足的教师')).not.toBeInTheDocument());
    expect(document.querySelector('.ant-table-placeholder')).toHaveTextContent('暂无数据');
  });
});
