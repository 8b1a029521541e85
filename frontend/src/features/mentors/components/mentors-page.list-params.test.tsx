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

let appointments: URLSearchParams[];
let mentors: URLSearchParams[];

beforeEach(() => {
  server.use(...fe2Handlers(makeFe2State()));
  appointments = recordQueries('/mentor-appointments/');
  mentors = recordQueries('/mentors/');
  loginAs('hr_a');
});

describe('the mentors page keeps both lists in the address', () => {
  it('opens with each list\'s search, mode and page from the address, and asks the API for them', async () => {
    renderApp('/mentors?a_search=%E5%AE%8B&a_mode=teaching&a_page=2&m_search=%E9%99%88&m_page=3');
    await waitFor(() => expect(appointments.length).toBeGreaterThan(0));
    await waitFor(() => expect(mentors.length).toBeGreaterThan(0));
    const asked = appointments.at(-1)!;
    expect([asked.get('search'), asked.get('mode'), asked.get('page')]).toEqual(['宋', 'teaching', '2']);
    const askedMentors = mentors.at(-1)!;
    expect([askedMentors.get('search'), askedMentors.get('page'), askedMentors.get('mode')]).toEqual(['陈', '3', null]);

    const appointmentsCard = await card('聘任记录');
    expect(within(appointmentsCard).getByRole('searchbox', { name: '搜索' })).toHaveValue('宋');
    expect(within(appointmentsCard).getByTitle('兼职任教')).toBeInTheDocument();
    expect(within(screen.getByTestId('mentor-search')).getByRole('searchbox')).toHaveValue('陈');
  });

  it('a change to one list goes back to that list\'s first page only', { timeout: 60_000 }, async () => {
    const { router } = renderApp('/mentors?a_page=2&m_search=%E5%AE%8B&m_page=3');
    const user = userEvent.setup({ delay: null });
    const appointmentsCard = await card('聘任记录');

    await user.click(within(appointmentsCard).getByRole('combobox', { name: '方式' }));
    await user.click((await screen.findAllByTitle('联合研究')).at(-1)!);
    await waitFor(() => expect(query(router).get('a_mode')).toBe('research'));
    expect(query(router).get('a_page')).toBeNull();
    expect(query(router).get('m_page')).toBe('3');
    expect(query(router).get('m_search')).toBe('宋');
    await waitFor(() => expect(appointments.at(-1)?.get('mode')).toBe('research'));

    const box = within(screen.getByTestId('mentor-search')).getByRole('searchbox');
    await user.clear(box);
    await user.type(box, '陈{Enter}');
    await waitFor(() => expect(query(router).get('m_search')).toBe('陈'));
    expect(query(router).get('m_page')).toBeNull();
    expect(query(router).get('a_mode')).toBe('research');
    await waitFor(() => expect(mentors.at(-1)?.get('search')).toBe('陈'));
    expect(mentors.at(-1)?.get('page')).toBe('1');
  });

  it('leaves out a mode it does not offer and a page that is not one', async () => {
    renderApp('/mentors?a_mode=bogus&a_page=abc&m_page=-1');
    await waitFor(() => expect(appointments.length).toBeGreaterThan(0));
    await waitFor(() => expect(mentors.length).toBeGreaterThan(0));
    expect(appointments.at(-1)?.get('mode')).toBeNull();
    expect(appointments.at(-1)?.get('page')).toBe('1');
    expect(mentors.at(-1)?.get('page')).toBe('1');
    expect(await screen.findAllByText('宋立新')).not.toHaveLength(0);
  });

  it('says nothing matches when the mode finds no appointment, and the mentors list is not told so', async () => {
    server.use(
      http.get('/api/v1/mentor-appointments/', ({ request }) =>
        new URL(request.url).searchParams.get('mode')
          ? HttpResponse.json({ count: 0, next: null, previous: null, results: [] })
          : undefined,
      ),
    );
    renderApp('/mentors?a_mode=project');
    const appointmentsCard = await card('聘任记录');
    expect(await within(appointmentsCard).findByText(NO_MATCH)).toBeInTheDocument();
    expect(within(appointmentsCard).queryByText('还没有聘任记录')).toBeNull();
    const mentorsCard = await card('导师');
    expect(await within(mentorsCard).findByText('洪都航空')).toBeInTheDocument();
    expect(within(mentorsCard).queryByText(NO_MATCH)).toBeNull();
  });
});
