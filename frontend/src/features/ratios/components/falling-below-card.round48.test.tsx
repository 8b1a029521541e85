import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 48: with a past date chosen on the dashboard, the forecast card still listed schools
// falling below "in 13 days" from today, as though it were that date's forecast.
function serve() {
  server.use(
    http.get('/api/v1/ratios/forecast/schools/', () =>
      HttpResponse.json([
        { school: { id: 1, code: 'JX001', name: '南昌工业职业技术学院' }, below_on: '2027-01-20', ratio_then: 0.58 },
      ]),
    ),
    http.get('/api/v1/teaching-hours/shares/', () => HttpResponse.json({ term: '2026-2027-1', target: 0.5, schools: [] })),
  );
}

describe('the forecast card on a dashboard at another date', () => {
  it('says it forecasts from today, naming the date chosen', async () => {
    serve();
    loginAs('province');
    renderApp('/dashboard?as_of=2026-03-31');
    const note = await screen.findByTestId('forecast-from-today');
    expect(note).toHaveTextContent('预测以今天的数据为起点，不随上方所选日期（2026-03-31）变化。');
    expect(await screen.findByText('南昌工业职业技术学院')).toBeInTheDocument();
  });

  it('says it in English too', async () => {
    await i18n.changeLanguage('en');
    serve();
    loginAs('province');
    renderApp('/dashboard?as_of=2026-03-31');
    expect(await screen.findByTestId('forecast-from-today')).toHaveTextContent(
      'The forecast starts from today’s figures: the date chosen above (2026-03-31) does not apply to it.',
    );
  });

  it('says nothing of the kind on today’s dashboard', async () => {
    serve();
    loginAs('province');
    renderApp('/dashboard');
    expect(await screen.findByTestId('falling-below-card')).toBeInTheDocument();
    expect(await screen.findByText('南昌工业职业技术学院')).toBeInTheDocument();
    expect(screen.queryByTestId('forecast-from-today')).not.toBeInTheDocument();
  });
});
