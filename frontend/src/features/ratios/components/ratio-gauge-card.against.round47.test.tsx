import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/testing/test-utils';

import type { RatioFigures } from '../types/ratios';
import { gaugeOption } from './chart-options';
import { RatioGaugeCard } from './ratio-gauge-card';

// Round 47 (QA): a ratio rounded for display never reads across the target against the verdict
// beside it; the gauge's label and the statistic under it stay the same figure.
type Detail = { formatter: (value: number) => string };
const gaugeLabel = (ratio: number, meets: boolean) =>
  (gaugeOption(ratio, 0.6, 'Target line 60%', meets) as unknown as { series: { detail: Detail }[] }).series[0].detail.formatter(
    Math.round(ratio * 1000) / 10,
  );
const figures = (ratio: number, meets: boolean) =>
  ({ in_scope: 25000, qualified: Math.round(ratio * 25000), ratio, target: 0.6, gap: meets ? 0 : 1, meets_target: meets }) as unknown as RatioFigures;

describe('the ratio gauge card against its target, round 47', () => {
  it.each([
    [0.59996, false, '59.996%'],
    [0.60004, true, '60.004%'],
    [0.6, false, '60.0%'],
    [0.6302, true, '63.0%'],
  ])('shows %s (met: %s) as %s, in the statistic and the gauge alike', (ratio, meets, expected) => {
    renderWithProviders(<RatioGaugeCard title="全省" figures={figures(ratio, meets)} />);
    expect(screen.getByText(expected)).toBeInTheDocument();
    expect(gaugeLabel(ratio, meets)).toBe(expected);
  });
});
