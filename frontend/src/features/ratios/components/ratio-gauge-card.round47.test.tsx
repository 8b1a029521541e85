import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/testing/test-utils';

import type { RatioFigures } from '../types/ratios';
import { gaugeOption } from './chart-options';
import { RatioGaugeCard } from './ratio-gauge-card';

// Round 47: the gauge's label reads as the statistic under it (one decimal): 63.0%, not 63%;
// and 60.0%, below a strict "more than 60%" target, not a rounded 60% in red.
type Detail = { formatter: string | ((value: number) => string); color: string };
const detail = (ratio: number | null, target = 0.6, meets?: boolean) =>
  (gaugeOption(ratio, target, 'Target line 60%', meets) as unknown as { series: { detail: Detail }[] }).series[0]
    .detail;
const label = (ratio: number | null, target = 0.6, meets?: boolean) => {
  const { formatter } = detail(ratio, target, meets);
  const value = ratio === null ? 0 : Math.round(ratio * 1000) / 10;
  return typeof formatter === 'function' ? formatter(value) : formatter.replace('{value}', String(value));
};

describe('the ratio gauge’s label', () => {
  it.each([
    [0.63, '63.0%'],
    [0.6, '60.0%'],
    [0.634, '63.4%'],
    [1, '100.0%'],
    [null, '—'],
  ])('shows %s as %s', (ratio, expected) => {
    expect(label(ratio)).toBe(expected);
  });

  it('reads as the statistic under it, in red at the target itself', () => {
    const figures = {
      in_scope: 100, qualified: 60, ratio: 0.6, target: 0.6, gap: 1, meets_target: false,
    } as unknown as RatioFigures;
    renderWithProviders(<RatioGaugeCard title="全省" figures={figures} />);
    expect(screen.getByText('60.0%')).toBeInTheDocument();
    expect(label(0.6, 0.6, false)).toBe('60.0%');
    expect(detail(0.6, 0.6, false).color).toBe('#cf1322');
  });
});
