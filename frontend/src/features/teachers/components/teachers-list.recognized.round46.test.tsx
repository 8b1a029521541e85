import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { db, loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

// Round 46 (DESIGN §8: the computed verdict and the official recognition side by side
// everywhere): the teachers list showed only the computed level. Its rows now carry the
// recognition in force (recognized_level, recognized_valid_until) and the list shows it
// beside 测算等级, and filters by it.

function recognize(index: number, level: string, until: string) {
  db.teachers[index].recognized_level = level;
  db.teachers[index].recognized_valid_until = until;
}

function rowOf(name: string): HTMLElement {
  return screen.getByRole('link', { name }).closest('tr') as HTMLElement;
}

function cellUnder(row: HTMLElement, header: string): HTMLElement {
  const headers = screen.getAllByRole('columnheader').filter((h) => !h.closest('.ant-table-measure-row'));
  const at = headers.findIndex((h) => h.textContent === header);
  return row.querySelectorAll('td')[at] as HTMLElement;
}

function requests(): URLSearchParams[] {
  const seen: URLSearchParams[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname === '/api/v1/teachers/') seen.push(url.searchParams);
  });
  return seen;
}

describe('teachers list: the official recognition beside the computed level', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('shows the level held and until when beside 测算等级, and — for none', async () => {
    recognize(0, 'intermediate', '2031-06-30');
    loginAs('province');
    renderApp('/teachers');
    await screen.findByText('共 30 名教师');
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.indexOf('官方认定')).toBe(headers.indexOf('测算等级') + 1);
    const held = within(rowOf('王伟')).getByTestId('official-recognition');
    expect(cellUnder(rowOf('王伟'), '官方认定')).toContainElement(held);
    expect(held).toHaveTextContent('中级');
    expect(held).toHaveTextContent('有效期至 2031-06-30');
    const none = within(rowOf(db.teachers[1].name)).getByTestId('official-recognition');
    expect(none).toHaveTextContent('—');
  });

  it('shows it on a phone too, right after the computed level', async () => {
    phoneScreen();
    recognize(0, 'junior', '2030-01-31');
    loginAs('province');
    renderApp('/teachers');
    await screen.findByText('共 30 名教师');
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 3)).toEqual(['姓名', '测算等级', '官方认定']);
    expect(within(rowOf('王伟')).getByTestId('official-recognition')).toHaveTextContent('初级有效期至 2030-01-31');
  });

  it('says it in English', async () => {
    await i18n.changeLanguage('en');
    recognize(0, 'senior', '2032-03-01');
    loginAs('province');
    renderApp('/teachers');
    await screen.findByText('30 teachers');
    expect(screen.getByRole('columnheader', { name: 'Official recognition' })).toBeInTheDocument();
    expect(within(rowOf('王伟')).getByTestId('official-recognition')).toHaveTextContent('valid until 2032-03-01');
  });

  it('filters by it, and keeps the filter in the address', async () => {
    recognize(0, 'junior', '2030-01-31');
    loginAs('province');
    const seen = requests();
    const { router } = renderApp('/teachers');
    const user = userEvent.setup({ delay: null });
    await screen.findByText('共 30 名教师');
    await user.click(screen.getByRole('combobox', { name: '官方认定' }));
    await user.click(await screen.findByTitle('已认定'));
    await waitFor(() => expect(seen.at(-1)?.get('recognized')).toBe('true'));
    expect(await screen.findByText('共 1 名教师')).toBeInTheDocument();
    expect(router.state.location.search).toContain('recognized=true');
    await user.click(screen.getByRole('combobox', { name: '测算符合条件' }));
    await user.click(await screen.findByTitle('不符合条件'));
    await waitFor(() => expect(seen.at(-1)?.get('qualified')).toBe('false'));
    expect(router.state.location.search).toContain('qualified=false');
  });

  it('reads both filters from a link (the recognition gaps tab links so)', async () => {
    loginAs('province');
    const seen = requests();
    renderApp('/teachers?qualified=true&recognized=false');
    await screen.findByText(/名教师/);
    expect(seen.at(-1)?.get('qualified')).toBe('true');
    expect(seen.at(-1)?.get('recognized')).toBe('false');
    expect(screen.getByRole('combobox', { name: '官方认定' }).closest('.ant-select')).toHaveTextContent('未认定');
  });

  it('leaves out a yes/no filter that is neither (the API would refuse the page)', async () => {
    loginAs('province');
    const seen = requests();
    renderApp('/teachers?recognized=maybe');
    expect(await screen.findByText('共 30 名教师')).toBeInTheDocument();
    expect(seen.at(-1)?.has('recognized')).toBe(false);
  });
});
