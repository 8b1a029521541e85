import { describe, expect, it } from 'vitest';

import { trendOption } from './chart-options';

// Round 40: a month's point is its figure as of its last day, as known now; the figure the
// snapshot job recorded on the 1st shows beside it where they differ (a correction since).
describe('trendOption with the figures recorded on the 1st', () => {
  const recorded = { label: 'Recorded on the 1st', actualLabel: 'Actual' };
  type Option = { legend?: { data?: string[] }; series: { name?: string; type: string; data: (number | null)[] }[] };

  it('marks only the months whose figure changed since it was recorded', () => {
    const points = [
      { month: '2026-09', ratio: 0.6, recorded: { ratio: 0.6 } },
      { month: '2026-10', ratio: 0.58, recorded: { ratio: 0.62 } },
      { month: '2026-11', ratio: 0.61, recorded: null },
    ];
    const option = trendOption(points, 0.6, 'Target 60%', undefined, recorded) as Option;
    expect(option.series.map((s) => s.name)).toEqual(['Actual', 'Recorded on the 1st']);
    expect(option.series[1].type).toBe('scatter');
    expect(option.series[1].data).toEqual([null, 62, null]);
    expect(option.legend?.data).toEqual(['Actual', 'Recorded on the 1st']);
  });

  it('adds nothing when every recorded figure still holds', () => {
    const points = [{ month: '2026-10', ratio: 0.58, recorded: { ratio: 0.58 } }];
    const option = trendOption(points, 0.6, 'Target 60%', undefined, recorded) as Option;
    expect(option.series).toHaveLength(1);
    expect(option.legend).toBeUndefined();
  });

  it('keeps its marks under the months before the forecast', () => {
    const points = [
      { month: '2026-11', ratio: 0.58, recorded: { ratio: 0.62 } },
      { month: '2026-12', ratio: 0.6, recorded: null },
    ];
    const forecast = { points: [{ date: '2027-01-01', ratio: 0.59 }], label: 'Forecast', actualLabel: 'Actual' };
    const option = trendOption(points, 0.6, 'Target 60%', forecast, recorded) as Option;
    expect(option.series.map((s) => s.name)).toEqual(['Actual', 'Forecast', 'Recorded on the 1st']);
    expect(option.series[2].data).toEqual([62, null, null]);
    expect(option.legend?.data).toEqual(['Actual', 'Forecast', 'Recorded on the 1st']);
  });
});
