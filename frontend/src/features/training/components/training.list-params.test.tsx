import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { fe2Handlers, makeFe2State } from '@/testing/mocks/fe2-handlers';
import { server } from '@/testing/mocks/server';
import { addressQuery, recordQueries } from '@/testing/record-queries';
import { renderApp } from '@/testing/test-utils';

const NO_MATCH = '没有符合条件的记录，请修改或清除搜索和筛选条件。';

const query = addressQuery;

/** The card whose title is `title`. */
async function card(title: string) {
  const heading = await screen.findByText(title, { selector: '.ant-card-head-title, .ant-card-head-title *' });
  return heading.closest('.ant-card') as HTMLElement;
}

const empty = { count: 0, next: null, previous: null, results: [] };

beforeEach(() => {
  server.use(...fe2Handlers(makeFe2State()));
});

describe('training for base staff: programmes (p_) and completions (c_) in the address', () => {
  let completions: URLSearchParams[];
  let programs: URLSearchParams[];

  beforeEach(() => {
    completions = recordQueries('/training-completions/');
    programs = recordQueries('/training-programs/');
    loginAs('base_a');
  });

  /** The programmes card's own requests (the completions' programme picker asks for 200). */
  const programPages = () => programs.filter((q) => q.get('page_size') === '10');

  it('opens with the completions\' search, programme and page and the programmes\' page, and asks for them', async () => {
    renderApp('/training?c_search=%E6%9D%8E&c_program=2&c_page=2&p_page=2');
    await waitFor(() => expect(completions.length).toBeGreaterThan(0));
    const asked = completions.at(-1)!;
    expect([asked.get('search'), asked.get('program'), asked.get('page')]).toEqual(['李', '2', '2']);
    await waitFor(() => expect(programPages().at(-1)?.get('page')).toBe('2'));

    const completionsCard = await card('结业记录');
    expect(within(completionsCard).getByRole('searchbox', { name: '搜索' })).toHaveValue('李');
    expect(await within(completionsCard).findByTitle('教学能力提升')).toBeInTheDocument();
  });

  it('a new programme goes back to the completions\' first page, not the programmes\'', { timeout: 60_000 }, async () => {
    const { router } = renderApp('/training?c_page=3&p_page=2');
    const user = userEvent.setup({ delay: null });
    const completionsCard = await card('结业记录');
    await user.click(within(completionsCard).getByRole('combobox', { name: '培训项目' }));
    await user.click((await screen.findAllByTitle('数控加工企业实践')).at(-1)!);
    await waitFor(() => expect(query(router).get('c_program')).toBe('1'));
    expect(query(router).get('c_page')).toBeNull();
    expect(query(router).get('p_page')).toBe('2');
    await waitFor(() => expect(completions.at(-1)?.get('program')).toBe('1'));
    expect(completions.at(-1)?.get('page')).toBe('1');

    const box = within(completionsCard).getByRole('searchbox', { name: '搜索' });
    await user.type(box, '李芳{Enter}');
    await waitFor(() => expect(query(router).get('c_search')).toBe('李芳'));
    expect(query(router).get('c_program')).toBe('1');
    expect(query(router).get('p_page')).toBe('2');
  });

  it('never asks for a programme that is not the base\'s (a deleted one, an old link)', async () => {
    renderApp('/training?c_program=99');
    expect(await screen.findByText('C-001')).toBeInTheDocument();
    expect(completions.length).toBeGreaterThan(0);
    expect(completions.every((q) => q.get('program') === null)).toBe(true);
  });

  it('leaves out an id that is not a whole number', async () => {
    renderApp('/training?c_program=1.5&c_page=zero');
    expect(await screen.findByText('C-001')).toBeInTheDocument();
    expect(completions.every((q) => q.get('program') === null && q.get('page') === '1')).toBe(true);
  });

  it('says nothing matches a search that finds no completion', async () => {
    renderApp('/training?c_search=%E6%B2%A1%E6%9C%89');
    const completionsCard = await card('结业记录');
    expect(await within(completionsCard).findByText(NO_MATCH)).toBeInTheDocument();
    expect(within(completionsCard).queryByText('还没有结业记录')).toBeNull();
  });
});

describe('training bases for the province, in the address', () => {
  let bases: URLSearchParams[];

  beforeEach(() => {
    bases = recordQueries('/training-bases/');
    loginAs('province');
  });

  it('opens with the search, city, status, designation and page from the address, and asks for them', async () => {
    renderApp('/training?search=%E4%B9%9D%E6%B1%9F&city=2&status=planned&designation=integrated&page=2');
    await waitFor(() => expect(bases.length).toBeGreaterThan(0));
    const asked = bases.at(-1)!;
    expect(Object.fromEntries(['search', 'city', 'status', 'designation', 'page'].map((k) => [k, asked.get(k)]))).toEqual({
      search: '九江',
      city: '2',
      status: 'planned',
      designation: 'integrated',
      page: '2',
    });
    const basesCard = await card('培养培训基地');
    expect(within(basesCard).getByRole('searchbox', { name: '搜索' })).toHaveValue('九江');
    expect(await within(basesCard).findByTitle('筹建')).toBeInTheDocument();
    expect(within(basesCard).getByTitle('九江')).toBeInTheDocument();
  });

  it('a new status goes into the address and back to the first page', { timeout: 60_000 }, async () => {
    const { router } = renderApp('/training?page=2&designation=integrated');
    const user = userEvent.setup({ delay: null });
    const basesCard = await card('培养培训基地');
    await user.click(within(basesCard).getByRole('combobox', { name: '状态' }));
    await user.click((await screen.findAllByTitle('运行')).at(-1)!);
    await waitFor(() => expect(query(router).get('status')).toBe('active'));
    expect(query(router).get('page')).toBeNull();
    expect(query(router).get('designation')).toBe('integrated');
    await waitFor(() => expect(bases.at(-1)?.get('status')).toBe('active'));
    expect(bases.at(-1)?.get('page')).toBe('1');
  });

  it('leaves out a status, a designation and a city it does not offer', async () => {
    renderApp('/training?status=closed&designation=x&city=99');
    expect(await screen.findByText('九江职教一体化基地')).toBeInTheDocument();
    expect(bases.length).toBeGreaterThan(0);
    for (const asked of bases) {
      expect([asked.get('status'), asked.get('designation'), asked.get('city')]).toEqual([null, null, null]);
    }
  });

  it('says nothing matches when the filters find no base', async () => {
    server.use(
      http.get('/api/v1/training-bases/', ({ request }) =>
        new URL(request.url).searchParams.get('status') ? HttpResponse.json(empty) : undefined,
      ),
    );
    renderApp('/training?status=suspended');
    const basesCard = await card('培养培训基地');
    expect(await within(basesCard).findByText(NO_MATCH)).toBeInTheDocument();
  });
});
