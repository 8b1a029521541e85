import { screen, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { markSignedIn } from '@/lib/auth';
import { db } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const me = (role: 'province' | 'expert') => ({
  id: 1, username: role, full_name: '', role,
  school: null, school_name: null, training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: null, teacher_name: null, must_change_password: false,
});
const day = (offset: number) => dayjs().add(offset, 'day').format('YYYY-MM-DD');
const round = {
  publicity_days: 7, validity_years: 5, levels: ['junior'], rule_version: 0, experts: [12], version: 1,
};
// The API says open or closed from the dates: a round that has not opened yet is "closed".
const rounds = [
  { ...round, id: 3, code: 'NEXT', name: '下一批', opens_on: day(10), closes_on: day(40), status: 'closed' },
  { ...round, id: 2, code: 'NOW', name: '本批', opens_on: day(-5), closes_on: day(5), status: 'open' },
  { ...round, id: 1, code: 'PAST', name: '上一批', opens_on: day(-60), closes_on: day(-30), status: 'closed' },
];

function serve(recognitions: 'ok' | 'forbidden') {
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json({ ...empty, count: 3, results: rounds })),
    http.get(`${API}/recognitions/`, () =>
      recognitions === 'ok'
        ? HttpResponse.json(empty)
        : HttpResponse.json({ detail: '您没有执行该操作的权限。' }, { status: 403 }),
    ),
    http.get(`${API}/users/`, () => HttpResponse.json(empty)),
  );
}

describe('the recognition rounds', () => {
  it('calls a round that has not opened yet not yet open, not closed', async () => {
    serve('ok');
    db.me = me('province');
    markSignedIn(true);
    renderApp('/recognition/rounds');
    const row = (code: string) => screen.getByText(code).closest('tr') as HTMLElement;
    await screen.findByText('NEXT');
    expect(within(row('NEXT')).getByTestId('round-status')).toHaveTextContent('未开始');
    expect(within(row('NOW')).getByTestId('round-status')).toHaveTextContent('申报中');
    expect(within(row('PAST')).getByTestId('round-status')).toHaveTextContent('已截止');
  });

  it('shows an expert their rounds without a card of certificates they may not read', async () => {
    serve('forbidden');
    db.me = me('expert');
    markSignedIn(true);
    renderApp('/recognition/rounds');
    expect(await screen.findByText('下一批')).toBeInTheDocument();
    expect(screen.queryByText('已发认定证书')).not.toBeInTheDocument();
    expect(screen.queryByText('加载失败')).not.toBeInTheDocument();
  });
});
