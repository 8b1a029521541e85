import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import { markSignedIn } from '@/lib/auth';
import i18n from '@/lib/i18n';
import { db } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const me = (role: 'province' | 'expert') => ({
  id: 1, username: role, full_name: '', role,
  school: null, school_name: null, training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: null, teacher_name: null, must_change_password: false,
});
const rounds = [
  {
    id: 2, code: 'JX2026-1', name: '2026年度第一批双师型教师认定', opens_on: '2026-11-16', closes_on: '2027-01-15',
    status: 'open', publicity_days: 7, validity_years: 5, levels: ['junior'], rule_version: 1,
    experts: [12], expert_names: ['认定专家(景德镇陶瓷中专)'], version: 1,
  },
];
const recognitions = [
  {
    id: 9, certificate_no: 'JX2026-1-00001', teacher: 3, teacher_name: '夏娟强', school: 1,
    school_name: '南昌工业职业技术学院', level: 'intermediate', issued_on: '2026-12-06', valid_until: '2031-12-06',
    status: 'active', round: 2, application: 5, revoked_reason: '',
  },
];

function serve(role: 'province' | 'expert') {
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json({ ...empty, count: 1, results: rounds })),
    http.get(`${API}/recognitions/`, () =>
      role === 'expert'
        ? HttpResponse.json({ detail: '您没有执行该操作的权限。' }, { status: 403 })
        : HttpResponse.json({ ...empty, count: 1, results: recognitions }),
    ),
    http.get(`${API}/users/`, () => HttpResponse.json(empty)),
  );
  db.me = me(role);
  markSignedIn(true);
}

const headers = (card: HTMLElement) => within(card).getAllByRole('columnheader').map((h) => h.textContent);
const roundsCard = async () =>
  (await screen.findByText('认定批次', { selector: '.ant-card-head-title' })).closest('.ant-card') as HTMLElement;

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

// On a phone the rounds table had the terms (公示天数, 有效年限, 规则版本) as columns after the
// status: the card scrolled sideways and cut 公示天数 off at its edge. They go under the name.
describe('the rounds page fits a phone (round 34)', () => {
  it('gives an expert the name and the status, the terms under the name', async () => {
    phoneScreen();
    serve('expert');
    renderApp('/recognition/rounds');
    const card = await roundsCard();
    const row = (await within(card).findByText('2026年度第一批双师型教师认定')).closest('tr') as HTMLElement;
    expect(headers(card)).toEqual(['名称', '状态']);
    expect(within(row).getByTestId('round-terms')).toHaveTextContent('公示天数：7 · 有效年限：5 · 规则版本：v1');
    expect(within(row).getByTestId('round-code')).toHaveTextContent('JX2026-1 · 2026-11-16 — 2027-01-15');
    // No sideways scroll: the table is as wide as its card, not its content.
    expect(card.querySelector('.ant-table-content')).not.toHaveStyle({ overflowX: 'auto' });
    expect(card.querySelector('table')).not.toHaveStyle({ width: 'max-content' });
  });

  it('gives the province the edit button next, and the certificates issued fit too', async () => {
    phoneScreen();
    serve('province');
    renderApp('/recognition/rounds');
    const card = await roundsCard();
    await within(card).findByText('2026年度第一批双师型教师认定');
    expect(headers(card)).toEqual(['名称', '状态', '操作']);
    const issued = (await screen.findByText('夏娟强')).closest('.ant-card') as HTMLElement;
    // Whether it stands sits under the level (four columns ran past a phone in English).
    expect(headers(issued)).toEqual(['教师', '等级', '操作']);
    const xia = within(issued).getByText('夏娟强').closest('tr') as HTMLElement;
    expect(within(xia).getByText('中级')).toBeInTheDocument();
    expect(within(xia).getByText('有效')).toBeInTheDocument();
    const line = within(issued).getByTestId('recognition-certificate');
    expect(within(line).getByRole('link', { name: 'JX2026-1-00001' })).toHaveAttribute('href', '/recognition/certificates/9');
    expect(line).toHaveTextContent('有效期至：2031-12-06');
    expect(issued.querySelector('table')).not.toHaveStyle({ width: 'max-content' });
  });

  it('reads the terms in English', async () => {
    phoneScreen();
    serve('expert');
    await i18n.changeLanguage('en');
    renderApp('/recognition/rounds');
    expect(await screen.findByTestId('round-terms')).toHaveTextContent('Publicity days: 7 · Validity (years): 5 · Rule version: v1');
  });
});
