import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';

import { oneOf, orderingOf, pageFromParam, sortOrderOf, useListParams, type ListParams } from './list-params';

type Key = 'search' | 'status' | 'ordering';
const KEYS: readonly Key[] = ['search', 'status', 'ordering'];

/** The hook on a page at `path`, with the router to read the address from. */
function setup(path: string, prefix = '') {
  let current: ListParams<Key> | null = null;
  function Probe() {
    current = useListParams(KEYS, prefix);
    return null;
  }
  const router = createMemoryRouter([{ path: '*', element: <Probe /> }], { initialEntries: [path] });
  const { rerender } = renderHook(() => null, {
    wrapper: ({ children }: { children: ReactNode }) => (
      <>
        <RouterProvider router={router} />
        {children}
      </>
    ),
  });
  return {
    router,
    rerender,
    get list() {
      return current as unknown as ListParams<Key>;
    },
    get search() {
      return router.state.location.search;
    },
  };
}

describe('useListParams', () => {
  it('reads the list from the address, ignoring blank values and a bad page', () => {
    const s = setup('/x?search=%E7%8E%8B&status=&page=abc&other=1');
    expect(s.list.values).toEqual({ search: '王' });
    expect(s.list.page).toBe(1);
    expect(s.list.filtered).toBe(true);
  });

  it('a change resets the page and keeps other keys of the page; replacing the history entry', () => {
    const s = setup('/x?page=3&other=1&search=a');
    const before = s.router.state.historyAction;
    act(() => s.list.set({ status: 'pending' }));
    expect(new URLSearchParams(s.search).get('page')).toBeNull();
    expect(new URLSearchParams(s.search).get('other')).toBe('1');
    expect(s.list.values).toEqual({ search: 'a', status: 'pending' });
    expect(s.router.state.historyAction).toBe('REPLACE');
    expect(before).toBe('POP');
  });

  it('setPage keeps the filters; page 1 is left out of the address', () => {
    const s = setup('/x?search=a');
    act(() => s.list.setPage(4));
    expect(s.list.page).toBe(4);
    expect(s.search).toBe('?search=a&page=4');
    act(() => s.list.setPage(1));
    expect(s.search).toBe('?search=a');
  });

  it('ordering alone is not a filter, and blank takes a key away', () => {
    const s = setup('/x?ordering=-name');
    expect(s.list.filtered).toBe(false);
    act(() => s.list.set({ ordering: '', search: 'b' }));
    expect(s.search).toBe('?search=b');
  });

  it('a prefix keeps two lists of one page apart; reset takes only its own keys', () => {
    const s = setup('/x?c_search=a&c_page=2&search=z&page=5', 'c');
    expect(s.list.values).toEqual({ search: 'a' });
    expect(s.list.page).toBe(2);
    act(() => s.list.reset());
    expect(s.search).toBe('?search=z&page=5');
  });
});

describe('list param helpers', () => {
  it('pageFromParam takes whole numbers from 1 only', () => {
    expect(pageFromParam('7')).toBe(7);
    expect(pageFromParam('0')).toBe(1);
    expect(pageFromParam('-2')).toBe(1);
    expect(pageFromParam('1.5')).toBe(1);
    expect(pageFromParam(null)).toBe(1);
  });

  it('oneOf refuses values not offered', () => {
    expect(oneOf('a', ['a', 'b'] as const)).toBe('a');
    expect(oneOf('c', ['a', 'b'] as const)).toBeUndefined();
    expect(oneOf(undefined, ['a'] as const)).toBeUndefined();
  });

  it('sort order and ordering map both ways', () => {
    expect(sortOrderOf('-name', 'name')).toBe('descend');
    expect(sortOrderOf('name', 'name')).toBe('ascend');
    expect(sortOrderOf('name', 'code')).toBeNull();
    expect(orderingOf('name', 'descend')).toBe('-name');
    expect(orderingOf('name', 'ascend')).toBe('name');
    expect(orderingOf('name', null)).toBeUndefined();
    expect(orderingOf(['a'], 'ascend')).toBeUndefined();
  });
});
