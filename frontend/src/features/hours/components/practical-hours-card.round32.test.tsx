import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { PracticalHoursCard } from './practical-hours-card';

const own = {
  term: '2026-2027-1',
  target: 0.5,
  schools: [
    { school: { id: 1, code: 'S00001', name: '南昌职业学院' }, term: '2026-2027-1', total_hours: 1000, practical_hours: 450, practical_share: 0.45, meets_target: false },
  ],
};

describe('practical hours card, round 32', () => {
  it("shows a school's HR its own hours and verdict, not counts of schools", async () => {
    server.use(http.get('/api/v1/teaching-hours/shares/', () => HttpResponse.json(own)));
    await i18n.changeLanguage('en');
    try {
      loginAs('hr_a');
      renderWithProviders(<PracticalHoursCard />);
      const card = await screen.findByTestId('practical-hours-card');
      expect(await screen.findByTestId('own-hours')).toHaveTextContent('450 / 1000');
      expect(card).toHaveTextContent('Below the target');
      expect(card).not.toHaveTextContent(/Schools below|Schools not reported|No school is below/);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
