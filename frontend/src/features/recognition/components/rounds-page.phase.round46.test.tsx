import { screen, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { markSignedIn } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { db } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const me = (role: 'province' | 'teacher') => ({
  id: 1, username: role, full_name: '', role,
  school: role === 'teacher' ? 1 : null, school_name: role === 'teacher' ? '江西示范职业技术学院' : null,
  training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: role === 'teacher' ? 7 : null, teacher_name: role === 'teacher' ? '李芳' : null, must_change_password: false,
});
const day = (offset: number) => dayjs().add(offset, 'day').format('YYYY-MM-DD');
const round = {
  publicity_days: 7, validity_years: 5, levels: ['junior'], rule_version: 0, experts: [], expert_names: [], version: 1,
};
// The API's status is open or closed; its phase tells a round not open yet from a closed one
// (here the dates would not: the phase is what is read).
const rounds = [
  { ...round, id: 3, code: 'NEXT', name: '下一批', opens_on: day(10), closes_on: day(40), status: 'closed', phase: 'upcoming' },
  { ...round, id: 2, code: 'NOW', name: '本批', opens_on: day(-5), closes_on: day(5), status: 'open', phase: 'open' },
  { ...round, id: 1, code: 'PAST', name: '上一批', opens_on: day(-60), closes_on: day(-30), status: 'closed', phase: 'closed' },
];

function serve() {
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json({ ...empty, count: 3, results: rounds })),
    http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    http.get(`${API}/users/`, () => HttpResponse.json(empty)),
  );
}

const row = (code: string) => screen.getByText(code).closest('tr') as HTMLElement;

describe('a round that has not opened yet (round 46)', () => {
  it.each(['province', 'teacher'] as const)('reads 未开始 with the day it opens to the %s', async (role) => {
    serve();
    db.me = me(role);
    markSignedIn(true);
    renderApp('/recognition/rounds');
    await screen.findByText('NEXT');
    const tag = within(row('NEXT')).getByTestId('round-status');
    expect(tag).toHaveTextContent(`未开始（${formatDate(day(10))} 开始申报）`);
    expect(within(row('NOW')).getByTestId('round-status')).toHaveTextContent(/^申报中$/);
    expect(within(row('PAST')).getByTestId('round-status')).toHaveTextContent(/^已截止$/);
  });

  it('reads Not open yet in English', async () => {
    serve();
    db.me = me('province');
    markSignedIn(true);
    await i18n.changeLanguage('en');
    try {
      renderApp('/recognition/rounds');
      await screen.findByText('NEXT');
      expect(within(row('NEXT')).getByTestId('round-status')).toHaveTextContent(`Not open yet (opens ${formatDate(day(10))})`);
      expect(within(row('PAST')).getByTestId('round-status')).toHaveTextContent(/^Closed$/);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
