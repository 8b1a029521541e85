import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

import { schoolRatios } from '@/testing/mocks/data';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { addressQuery, recordQueries } from '@/testing/record-queries';
import { renderApp } from '@/testing/test-utils';

const NO_MATCH = '没有符合条件的记录，请修改或清除搜索和筛选条件。';

let asked: URLSearchParams[];

beforeEach(() => {
  asked = recordQueries('/ratios/schools/');
});

const query = addressQuery;

const pick = (q: URLSearchParams | undefined, keys: string[]) => Object.fromEntries(keys.map((k) => [k, q?.get(k) ?? null]));

describe('the schools page keeps its filters, page and order in the address', () => {
  it('opens with the filters, page and order from the address, and asks the API for them', async () => {
    loginAs('province');
    renderApp('/schools?city=2&kind=secondary_vocational&search=%E4%B9%9D%E6%B1%9F&as_of=2026-06-30&ordering=-ratio&page=2');
    await waitFor(() => expect(asked.length).toBeGreaterThan(0));
    expect(pick(asked.at(-1), ['city', 'kind', 'search', 'as_of', 'ordering', 'page'])).toEqual({
      city: '2',
      kind: 'secondary_vocational',
      search: '九江',
      as_of: '2026-06-30',
      ordering: '-ratio',
      page: '2',
    });
    expect(screen.getByRole('searchbox', { name: '学校名称或代码' })).toHaveValue('九江');
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('columnheader', { name: /占比/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('a new order or filter goes into the address and back to the first page', { timeout: 60_000 }, async () => {
    loginAs('province');
    const { router } = renderApp('/schools?page=2&as_of=2026-06-30');
    const user = userEvent.setup({ delay: null });
    await waitFor(() => expect(asked.at(-1)?.get('page')).toBe('2'));
    const table = await screen.findByRole('table');

    await user.click(within(table).getByRole('columnheader', { name: /占比/ }));
    await waitFor(() => expect(query(router).get('ordering')).toBe('ratio'));
    expect(query(router).get('page')).toBeNull();
    await waitFor(() => expect(asked.at(-1)?.get('ordering')).toBe('ratio'));

    await router.navigate(`/schools?${query(router).toString()}&page=2`, { replace: true });
    await waitFor(() => expect(asked.at(-1)?.get('page')).toBe('2'));
    await user.click(screen.getByRole('combobox', { name: '学校类型' }));
    await user.click((await screen.findAllByTitle('技师学院')).at(-1)!);
    await waitFor(() => expect(query(router).get('kind')).toBe('technician_college'));
    expect(query(router).get('page')).toBeNull();
    expect(query(router).get('ordering')).toBe('ratio');
    expect(query(router).get('as_of')).toBe('2026-06-30');
    await waitFor(() => expect(pick(asked.at(-1), ['kind', 'ordering', 'page'])).toEqual({ kind: 'technician_college', ordering: 'ratio', page: '1' }));
  });

  it('turns to another page at the first click, keeping the default order out of the address', async () => {
    // Two pages of schools: each page shows the mock's rows, the count says 45.
    server.use(
      http.get('/api/v1/ratios/schools/', () =>
        HttpResponse.json({ count: 45, next: null, previous: null, results: schoolRatios }),
      ),
    );
    asked = recordQueries('/ratios/schools/');
    loginAs('province');
    const { router } = renderApp('/schools');
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('link', { name: '九江中等专业学校' });
    await user.click(screen.getByRole('listitem', { name: '2' }));
    await waitFor(() => expect(router.state.location.search).toBe('?page=2'));
    expect(screen.getByRole('listitem', { name: '2' })).toHaveClass('ant-pagination-item-active');
    await waitFor(() => expect(pick(asked.at(-1), ['page', 'ordering'])).toEqual({ page: '2', ordering: '-gap' }));
  });

  it('sorts names A to Z, then Z to A, then clears the order', { timeout: 60_000 }, async () => {
    loginAs('province');
    const { router } = renderApp('/schools');
    const user = userEvent.setup({ delay: null });
    const table = await screen.findByRole('table');
    await within(table).findByRole('link', { name: '九江中等专业学校' });
    await user.click(within(table).getByRole('columnheader', { name: /学校$/ }));
    await waitFor(() => expect(query(router).get('ordering')).toBe('name'));
    await user.click(within(table).getByRole('columnheader', { name: /学校$/ }));
    await waitFor(() => expect(query(router).get('ordering')).toBe('-name'));
    await waitFor(() => expect(asked.at(-1)?.get('ordering')).toBe('-name'));
    await user.click(within(table).getByRole('columnheader', { name: /学校$/ }));
    await waitFor(() => expect(query(router).get('ordering')).toBeNull());
  });

  it('sends no value the API would refuse: an unknown kind or order, a bad city, day or page', async () => {
    loginAs('province');
    renderApp('/schools?city=abc&kind=bogus&ordering=-kind&as_of=2026-02-30&page=0');
    expect(await screen.findByRole('link', { name: '九江中等专业学校' })).toBeInTheDocument();
    for (const q of asked) {
      expect(pick(q, ['city', 'kind', 'as_of', 'ordering', 'page'])).toEqual({
        city: null,
        kind: null,
        as_of: null,
        ordering: '-gap',
        page: '1',
      });
    }
  });

  it('keeps a city user to their own city, whatever the address says', async () => {
    loginAs('city_nc');
    renderApp('/schools?city=2');
    expect(await screen.findByRole('link', { name: '江西示范职业技术学院' })).toBeInTheDocument();
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((q) => q.get('city') === '1')).toBe(true);
  });

  it('says nothing matches a search that finds no school', async () => {
    loginAs('province');
    renderApp('/schools?search=%E6%B2%A1%E6%9C%89%E8%BF%99%E6%89%80');
    expect(await screen.findByText(NO_MATCH)).toBeInTheDocument();
  });
});
