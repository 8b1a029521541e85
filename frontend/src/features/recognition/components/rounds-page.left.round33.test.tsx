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
    id: 2, code: 'JX2026A', name: '2026年第一批', opens_on: '2026-01-01', closes_on: '2026-12-31', status: 'open',
    publicity_days: 7, validity_years: 5, levels: ['junior', 'intermediate'], rule_version: 1,
    experts: [12, 13], expert_names: ['张教授', '李工程师'], version: 1,
  },
];

function serve(role: 'province' | 'expert') {
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json({ ...empty, count: 1, results: rounds })),
    http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    http.get(`${API}/users/`, () => HttpResponse.json(empty)),
  );
  db.me = me(role);
  markSignedIn(true);
}

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('the rounds table names the experts and the levels offered (round 33)', () => {
  it('lists them by name on a desktop', async () => {
    serve('province');
    renderApp('/recognition/rounds');
    const row = (await screen.findByText('JX2026A')).closest('tr') as HTMLElement;
    expect(screen.getByRole('columnheader', { name: '评审专家' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '认定等级' })).toBeInTheDocument();
    expect(within(row).getByTestId('round-experts')).toHaveTextContent('张教授、李工程师');
    expect(within(row).getByTestId('round-levels')).toHaveTextContent('初级、中级');
    // Names, not account ids.
    expect(within(row).getByTestId('round-experts')).not.toHaveTextContent('12');
  });

  it('says them as text in the row on a phone, in English too', async () => {
    phoneScreen();
    serve('expert');
    renderApp('/recognition/rounds');
    const row = (await screen.findByText('2026年第一批')).closest('tr') as HTMLElement;
    expect(within(row).getByTestId('round-experts')).toHaveTextContent('评审专家：张教授、李工程师');
    expect(within(row).getByTestId('round-levels')).toHaveTextContent('认定等级：初级、中级');
    await i18n.changeLanguage('en');
    expect(await within(row).findByTestId('round-experts')).toHaveTextContent('Experts: 张教授, 李工程师');
    expect(within(row).getByTestId('round-levels')).toHaveTextContent(/Levels offered: Junior, Intermediate/);
  });
});
