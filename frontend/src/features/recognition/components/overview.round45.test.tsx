import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { RecognitionOverview } from './overview';

const API = '/api/v1';
const row = (i: number) => ({ teacher: i, teacher_name: `教师${i}`, school_name: '江西示范职业技术学院', level: 'junior' });

/** The API holds the first `limit` rows of each list and says how many there are in all. */
function serveGaps(shown: number, total: number) {
  server.use(
    http.get(`${API}/recognitions/gaps/`, () =>
      HttpResponse.json({
        should_apply: Array.from({ length: shown }, (_, i) => row(i + 1)),
        no_longer_qualified: [],
        should_apply_total: total,
        no_longer_qualified_total: 0,
        limit: 200,
      }),
    ),
    http.get(`${API}/ratios/summary/`, () => HttpResponse.json({ province: { in_scope: 900, qualified: 772, ratio: 0.86, recognized: 6, recognized_ratio: 0.01, recognized_gap: 0, target: 0.5 } })),
  );
}

const render = () =>
  renderWithProviders(
    <MemoryRouter>
      <RecognitionOverview />
    </MemoryRouter>,
  );

describe('the recognition overview (round 45)', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('labels the tab with the true total and says the list shows the first rows', async () => {
    serveGaps(200, 766);
    render();
    expect(await screen.findByText('符合条件未认定（766）')).toBeInTheDocument();
    expect(screen.queryByText('符合条件未认定（200）')).not.toBeInTheDocument();
    expect(screen.getByText('已认定但已不符合（0）')).toBeInTheDocument();
    const note = await screen.findByTestId('gaps-cut-short');
    expect(note).toHaveTextContent('仅显示前 200 位（按学校、姓名排列），共 766 位。');
  });

  it('says it in English too', async () => {
    await i18n.changeLanguage('en');
    serveGaps(200, 766);
    render();
    expect(await screen.findByText('Should apply (766)')).toBeInTheDocument();
    expect(within(await screen.findByTestId('gaps-cut-short')).getByText('Showing the first 200 of 766 (by school and name).')).toBeInTheDocument();
  });

  it('says nothing of a cut when every row is shown', async () => {
    serveGaps(3, 3);
    render();
    expect(await screen.findByText('符合条件未认定（3）')).toBeInTheDocument();
    expect(await screen.findByText('教师1')).toBeInTheDocument();
    expect(screen.queryByTestId('gaps-cut-short')).not.toBeInTheDocument();
  });
});
