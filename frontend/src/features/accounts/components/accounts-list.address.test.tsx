import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// The accounts list keeps its search, filters, order and page in the address: Back, a reload
// and a shared link show the same accounts.
const NO_MATCH = '没有符合条件的记录，请修改或清除搜索和筛选条件。';

/** The accounts handler: the fe2 accounts, said to be 45 (for a second page), none for a
 * search of `nobody`; keeps each query. */
function users() {
  const state = makeFe2State();
  const asked: URLSearchParams[] = [];
  server.use(...fe2Handlers(state));
  // After the fe2 handlers: the last one used answers first.
  server.use(
    http.get('/api/v1/users/', ({ request }) => {
      const q = new URL(request.url).searchParams;
      asked.push(q);
      const rows = q.get('search') === 'nobody' ? [] : state.users;
      return HttpResponse.json({ count: rows.length ? 45 : 0, next: null, previous: null, results: rows });
    }),
  );
  return asked;
}

const chosen = (name: string) =>
  screen.getByRole('combobox', { name }).closest('.ant-select')?.querySelector('[title]')?.getAttribute('title');
const query = (search: string) => Object.fromEntries(new URLSearchParams(search));
const sorted = (name: string) => screen.getByRole('columnheader', { name: new RegExp(name) }).getAttribute('aria-sort');

let asked: URLSearchParams[];
beforeEach(() => {
  asked = users();
  loginAs('province');
});

describe('the accounts list in the address', () => {
  it('opens with the address’s search, filters, order and page, and asks the API for them', async () => {
    renderApp('/accounts?search=hr&role=school_hr&is_active=false&ordering=-last_login&page=2');
    await screen.findByText('hr_a');
    expect(screen.getByRole('searchbox', { name: '搜索' })).toHaveValue('hr');
    expect(chosen('角色')).toBe('学校人事');
    expect(chosen('状态')).toBe('已停用');
    expect(sorted('最近登录')).toBe('descending');
    expect(sorted('用户名')).toBeNull();
    expect(screen.getByRole('listitem', { name: '2' })).toHaveClass('ant-pagination-item-active');
    expect(Object.fromEntries(asked.at(-1)!)).toMatchObject({
      search: 'hr',
      role: 'school_hr',
      is_active: 'false',
      ordering: '-last_login',
      page: '2',
    });
  });

  it('writes a changed filter or order to the address, back at the first page', async () => {
    const user = userEvent.setup({ delay: null });
    // The table is blurred (pointer-events: none) while it loads: a click waits for it.
    const click = (element: HTMLElement) => waitFor(() => user.click(element));
    const { router } = renderApp('/accounts?page=3');
    await screen.findByText('hr_a');
    // The default order (by username) is the list's and stays out of the address.
    expect(asked.at(-1)?.get('ordering')).toBe('username');
    expect(sorted('用户名')).toBe('ascending');

    await user.click(screen.getByRole('combobox', { name: '角色' }));
    await user.click((await screen.findAllByTitle('培训基地')).at(-1)!);
    await waitFor(() => expect(query(router.state.location.search)).toEqual({ role: 'base_staff' }));
    await waitFor(() => expect(asked.at(-1)?.get('role')).toBe('base_staff'));
    expect(asked.at(-1)?.get('page')).toBe('1');

    await click(screen.getByRole('listitem', { name: '2' }));
    await waitFor(() => expect(query(router.state.location.search)).toEqual({ role: 'base_staff', page: '2' }));
    await click(screen.getByRole('columnheader', { name: /最近登录/ }));
    await waitFor(() => expect(query(router.state.location.search)).toEqual({ role: 'base_staff', ordering: 'last_login' }));
    await waitFor(() => expect(asked.at(-1)?.get('ordering')).toBe('last_login'));
    expect(sorted('最近登录')).toBe('ascending');

    // Sorting by username again is the default order: out of the address.
    await click(screen.getByRole('columnheader', { name: /用户名/ }));
    await waitFor(() => expect(query(router.state.location.search)).toEqual({ role: 'base_staff' }));

    const box = screen.getByRole('searchbox', { name: '搜索' });
    await user.type(box, 'hr{Enter}');
    await waitFor(() => expect(query(router.state.location.search)).toEqual({ role: 'base_staff', search: 'hr' }));
    // Back to an address without the search (a link, Back): the box follows.
    await router.navigate('/accounts?role=city');
    await waitFor(() => expect(box).toHaveValue(''));
    expect(chosen('角色')).toBe('设区市');
  });

  it('leaves out what the API would refuse: an unknown role, state or order, a bad page', async () => {
    renderApp('/accounts?role=boss&is_active=maybe&ordering=password&page=0');
    await screen.findByText('hr_a');
    expect(asked.length).toBeGreaterThan(0);
    for (const q of asked) {
      expect(q.has('role') || q.has('is_active')).toBe(false);
      expect(q.get('ordering')).toBe('username');
      expect(q.get('page')).toBe('1');
    }
    expect(chosen('角色')).toBeFalsy();
  });

  it('says nothing matches when a search finds no account', async () => {
    renderApp('/accounts?search=nobody');
    expect(await screen.findByText(NO_MATCH)).toBeInTheDocument();
  });
});
