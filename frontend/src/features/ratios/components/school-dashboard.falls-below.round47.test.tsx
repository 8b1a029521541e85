import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { todayInChina } from '@/lib/dates';
import i18n from '@/lib/i18n';
import { schoolRatios } from '@/testing/mocks/data';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// The school page said nothing of the day the forecast has the school fall below the target
// (its row carries `forecast_below_on`): the HR clerk learnt it only from the province's card.
const inDays = 21;
const on = todayInChina().add(inDays, 'day').format('YYYY-MM-DD');

function rowsFallingOn(date: string | null) {
  server.use(
    http.get('/api/v1/ratios/schools/', () =>
      HttpResponse.json({
        count: 1,
        next: null,
        previous: null,
        results: [{ ...schoolRatios[0], meets_target: true, forecast_below_on: date }],
      }),
    ),
  );
}

describe('the school page warns before the school falls below the target', () => {
  it('says on which day, in how many days, and against what', async () => {
    rowsFallingOn(on);
    loginAs('hr_a');
    renderApp('/');
    const note = await screen.findByTestId('falls-below-note');
    expect(note).toHaveTextContent(`若情况不变，预计 ${on}（${inDays} 天后）起低于 60%`);
    expect(screen.getByText('已达标')).toBeInTheDocument();
  });

  it('in English too', async () => {
    await i18n.changeLanguage('en');
    rowsFallingOn(on);
    loginAs('hr_a');
    renderApp('/');
    expect(await screen.findByTestId('falls-below-note')).toHaveTextContent(
      `If nothing changes, below 60% from ${on} (in ${inDays} days)`,
    );
  });

  it('says nothing when the forecast keeps the school above it', async () => {
    rowsFallingOn(null);
    loginAs('hr_a');
    renderApp('/');
    expect(await screen.findByText('已达标')).toBeInTheDocument();
    expect(screen.queryByTestId('falls-below-note')).not.toBeInTheDocument();
  });
});
