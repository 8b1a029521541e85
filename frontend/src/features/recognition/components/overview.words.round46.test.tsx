import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { RecognitionOverview } from './overview';

// Round 46: one term per thing. The computed level is 测算等级 / "Estimated level" (the teacher
// pages' word), the official one 官方认定 / "Recognized": the overview said 按规则测算 and
// 已认定（官方口径）.
const API = '/api/v1';
const share = { in_scope: 900, qualified: 772, ratio: 0.86, recognized: 6, recognized_ratio: 0.01, recognized_gap: 0, target: 0.5 };

function serve() {
  server.use(
    http.get(`${API}/recognitions/gaps/`, () =>
      HttpResponse.json({ should_apply: [], no_longer_qualified: [], should_apply_total: 0, no_longer_qualified_total: 0, limit: 200 }),
    ),
    http.get(`${API}/ratios/summary/`, () => HttpResponse.json({ province: share })),
  );
}

const renderOverview = () =>
  renderWithProviders(
    <MemoryRouter>
      <RecognitionOverview />
    </MemoryRouter>,
  );

describe('the words for the computed and the official level', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('the overview says 按测算等级 and 官方认定', async () => {
    serve();
    renderOverview();
    const card = await screen.findByTestId('recognized-share');
    expect(card).toHaveTextContent('按测算等级');
    expect(card).toHaveTextContent('官方认定');
    expect(card).not.toHaveTextContent('按规则测算');
    expect(card).not.toHaveTextContent('官方口径');
  });

  it('the overview says By estimated level and Recognized in English', async () => {
    await i18n.changeLanguage('en');
    serve();
    renderOverview();
    const card = await screen.findByTestId('recognized-share');
    expect(card).toHaveTextContent('By estimated level');
    expect(card).toHaveTextContent('Recognized');
    expect(card).not.toHaveTextContent('The rules say');
    expect(card).not.toHaveTextContent('(official)');
  });
});
