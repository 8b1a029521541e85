import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { PracticalHoursCard } from './practical-hours-card';

// The target is the province's setting: the help line must say the one in force, not 50%.
const shares = {
  term: '2026-2027-1',
  target: 0.55,
  schools: [
    { school: { id: 1, code: 'S00001', name: '南昌职业学院' }, term: '2026-2027-1', total_hours: 1000, practical_hours: 520, practical_share: 0.52, meets_target: false },
  ],
};

describe('practical hours help text, round 32', () => {
  for (const role of ['province', 'hr_a'] as const) {
    it(`states the target in force for ${role}`, async () => {
      server.use(http.get('/api/v1/teaching-hours/shares/', () => HttpResponse.json(shares)));
      await i18n.changeLanguage('en');
      try {
        loginAs(role);
        renderWithProviders(<PracticalHoursCard />);
        const card = await screen.findByTestId('practical-hours-card');
        expect(card).toHaveTextContent('at least 55% of all teaching hours');
        expect(card).not.toHaveTextContent('50%');
      } finally {
        await i18n.changeLanguage('zh-CN');
      }
    });
  }
});
