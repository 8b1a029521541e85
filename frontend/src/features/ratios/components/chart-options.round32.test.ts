import { describe, expect, it } from 'vitest';

import { trendOption } from './chart-options';

// DESIGN §9: the forecast on a dashboard must say it is one, without hovering the chart.
describe('trendOption with a forecast', () => {
  const points = [
    { month: '2026-11', ratio: 0.62 },
    { month: '2026-12', ratio: 0.63 },
  ];
  const forecast = {
    points: [
      { date: '2027-01-01', ratio: 0.61 },
      { date: '2027-02-01', ratio: 0.59 },
    ],
    label: 'Forecast',
    actualLabel: 'Actual',
  };

  it('shows a legend naming the forecast line and the actual line', () => {
    const option = trendOption(points, 0.6, 'Target 60%', forecast) as {
      legend?: { show?: boolean; data?: string[] };
      series: { name?: string }[];
    };
    expect(option.legend?.show).not.toBe(false);
    expect(option.legend?.data).toEqual(['Actual', 'Forecast']);
    expect(option.series.map((s) => s.name)).toEqual(['Actual', 'Forecast']);
  });

  it('shows no legend without a forecast', () => {
    const option = trendOption(points, 0.6, 'Target 60%') as { legend?: unknown };
    expect(option.legend).toBeUndefined();
  });
});
