import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { RecognitionOverview } from './overview';

// Round 46: the gaps tab lists the first 200 of each work list. It now links to the teachers
// list filtered the same way (qualified and not recognized; recognized and no longer
// qualified), which holds them all: always, small, and in the note when the list is cut short.

const API = '/api/v1';
const row = (i: number) => ({ teacher: i, teacher_name: `教师${i}`, school_name: '江西示范职业技术学院', level: 'junior' });

function serveGaps(shown: number, total: number, lapsed = 0) {
  server.use(
    http.get(`${API}/recognitions/gaps/`, () =>
      HttpResponse.json({
        should_apply: Array.from({ length: shown }, (_, i) => row(i + 1)),
        no_longer_qualified: Array.from({ length: lapsed }, (_, i) => ({ ...row(100 + i), certificate_no: `JX-${i}`, recognition: i })),
        should_apply_total: total,
        no_longer_qualified_total: lapsed,
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

describe('the recognition gaps link to the whole list (round 46)', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('links from the cut-short note to the teachers list filtered as the tab', async () => {
    serveGaps(200, 766);
    render();
    const note = await screen.findByTestId('gaps-cut-short');
    expect(note).toHaveTextContent('仅显示前 200 位（按学校、姓名排列），共 766 位。');
    const link = within(note).getByRole('link', { name: '在教师名单中查看全部 766 位' });
    expect(link).toHaveAttribute('href', '/teachers?qualified=true&recognized=false');
  });

  it('links always, small, when every row is shown; the lapsed tab with leavers too', async () => {
    serveGaps(3, 3, 2);
    render();
    expect(await screen.findByText('教师1')).toBeInTheDocument();
    expect(screen.queryByTestId('gaps-cut-short')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: '在教师名单中查看全部 3 位' })).toHaveAttribute(
      'href',
      '/teachers?qualified=true&recognized=false',
    );
    await userEvent.setup({ delay: null }).click(screen.getByText('已认定但已不符合（2）'));
    expect(await screen.findByRole('link', { name: '在教师名单中查看全部 2 位' })).toHaveAttribute(
      'href',
      '/teachers?qualified=false&recognized=true&active=all',
    );
  });

  it('says it in English', async () => {
    await i18n.changeLanguage('en');
    serveGaps(200, 766);
    render();
    const note = await screen.findByTestId('gaps-cut-short');
    expect(within(note).getByRole('link', { name: 'All 766 in the teachers list' })).toBeInTheDocument();
  });
});
