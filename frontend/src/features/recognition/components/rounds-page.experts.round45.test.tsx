import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });
const day = (offset: number) => dayjs().add(offset, 'day').format('YYYY-MM-DD');
const active = { id: 7, username: 'expert_li', first_name: '李', is_active: true };
const gone = { id: 8, username: 'expert_qian', first_name: '钱', is_active: false };
// A closed round keeps its panel, an expert deactivated since among it.
const closed = {
  id: 1, code: 'PAST', name: '上一批', opens_on: day(-60), closes_on: day(-30), status: 'closed',
  publicity_days: 7, validity_years: 5, levels: ['junior'], rule_version: 0, experts: [8], expert_names: ['钱'], version: 1,
};

/** The users API as the backend answers it: `is_active` filters the accounts. */
function serve() {
  const asked: string[] = [];
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(page([closed]))),
    http.get(`${API}/recognitions/`, () => HttpResponse.json(page([]))),
    http.get(`${API}/users/`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      asked.push(params.toString());
      const wanted = params.get('is_active');
      return HttpResponse.json(page([active, gone].filter((u) => wanted === null || String(u.is_active) === wanted)));
    }),
  );
  return asked;
}

const card = async () =>
  (await screen.findByText('认定批次', { selector: '.ant-card-head-title' })).closest('.ant-card') as HTMLElement;

describe('the round form offers active experts only (round 45)', () => {
  it('asks for active experts and offers no deactivated one to a new round', async () => {
    const asked = serve();
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/recognition/rounds');
    await user.click(within(await card()).getByRole('button', { name: /新建批次/ }));
    const dialog = await screen.findByRole('dialog');
    const selects = Array.from(dialog.querySelectorAll<HTMLElement>('.ant-select'));
    await user.click(selects[selects.length - 1].querySelector('input') as HTMLElement);
    expect(await screen.findByTitle('李 · expert_li')).toBeInTheDocument();
    expect(screen.queryByTitle(/expert_qian/)).not.toBeInTheDocument();
    expect(asked.length).toBeGreaterThan(0);
    for (const query of asked) {
      expect(new URLSearchParams(query).get('role')).toBe('expert');
      expect(new URLSearchParams(query).get('is_active')).toBe('true');
    }
  });

  it('keeps a closed round\'s deactivated expert named, marked, on its edit form', async () => {
    serve();
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/recognition/rounds');
    const row = (await within(await card()).findByText('PAST')).closest('tr') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).getByText('钱 · expert_qian（已停用）')).toBeInTheDocument());
  });
});
