import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { PracticalHoursCard } from './practical-hours-card';

// QA, round 47: 4000 of 8005 hours (0.499688) showed "50.0%" right above "below the target (50%)".
const justBelow = {
  school: { id: 1, code: 'S00001', name: '南昌职业学院' },
  term: '2026-2027-1',
  total_hours: 8005,
  practical_hours: 4000,
  practical_share: 0.499688,
  meets_target: false,
};
const shares = (schools: object[]) => ({ term: '2026-2027-1', target: 0.5, schools });

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('practical hours card, round 47: a share never reads across the target against its verdict', () => {
  it("shows a school's HR a share just under the target under it, beside its verdict", async () => {
    server.use(http.get('/api/v1/teaching-hours/shares/', () => HttpResponse.json(shares([justBelow]))));
    loginAs('hr_a');
    renderWithProviders(<PracticalHoursCard />);
    const card = await screen.findByTestId('practical-hours-card');
    expect(await within(card).findByText('低于目标（50%）')).toBeInTheDocument();
    expect(card).toHaveTextContent('49.97%');
    expect(card).not.toHaveTextContent('50.0%');
  });

  it('says the same in English', async () => {
    await i18n.changeLanguage('en');
    server.use(http.get('/api/v1/teaching-hours/shares/', () => HttpResponse.json(shares([justBelow]))));
    loginAs('hr_a');
    renderWithProviders(<PracticalHoursCard />);
    const card = await screen.findByTestId('practical-hours-card');
    expect(await within(card).findByText(/Below the target/)).toBeInTheDocument();
    expect(card).toHaveTextContent('49.97%');
    expect(card).not.toHaveTextContent('50.0%');
  });

  it("lists a school just under the target on the province's dashboard under it, others as before", async () => {
    const ordinary = {
      ...justBelow,
      school: { id: 2, code: 'S00002', name: '九江技师学院' },
      total_hours: 1000,
      practical_hours: 410,
      practical_share: 0.41,
    };
    server.use(http.get('/api/v1/teaching-hours/shares/', () => HttpResponse.json(shares([justBelow, ordinary]))));
    loginAs('province');
    renderWithProviders(<PracticalHoursCard />);
    const rows = await screen.findAllByTestId('hours-below-school');
    expect(rows).toHaveLength(2);
    const nanchang = rows.find((r) => r.textContent?.includes('南昌职业学院'));
    const jiujiang = rows.find((r) => r.textContent?.includes('九江技师学院'));
    expect(nanchang).toHaveTextContent('49.97%');
    expect(nanchang).not.toHaveTextContent('50.0%');
    expect(jiujiang).toHaveTextContent('41.0%');
  });
});
