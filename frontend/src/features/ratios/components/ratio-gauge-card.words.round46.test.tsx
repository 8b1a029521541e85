import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { renderWithProviders } from '@/testing/test-utils';

import type { RatioFigures } from '../types/ratios';
import { RatioGaugeCard } from './ratio-gauge-card';

// Round 46: the official count is 官方认定 / "Recognized", as on the teacher pages and the
// recognition overview (the dashboard said 已认定（官方口径）).
const figures = {
  in_scope: 900, qualified: 772, ratio: 0.86, recognized: 6, recognized_ratio: 0.01, recognized_gap: 0, target: 0.5,
  gap: 0, meets_target: true,
} as unknown as RatioFigures;

describe('the dashboard gauge’s count of recognitions', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('is named 官方认定', () => {
    renderWithProviders(<RatioGaugeCard title="全省" figures={figures} />);
    expect(screen.getByTestId('recognized-line')).toHaveTextContent('官方认定：6 / 900');
    expect(screen.getByTestId('recognized-line')).not.toHaveTextContent('官方口径');
  });

  it('is named Recognized in English', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<RatioGaugeCard title="Province" figures={figures} />);
    expect(screen.getByTestId('recognized-line')).toHaveTextContent('Recognized: 6 / 900');
    expect(screen.getByTestId('recognized-line')).not.toHaveTextContent('(official)');
  });
});
