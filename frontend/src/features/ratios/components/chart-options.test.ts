import { describe, expect, it } from 'vitest';

import { barChartHeight, barOption, labelWidth, trendOption } from './chart-options';

const cities = ['南昌', '景德镇', '萍乡', '九江', '新余', '鹰潭', '赣州', '吉安', '宜春', '抚州', '上饶', '赣江新区'].map(
  (name, i) => ({ name, ratio: 0.5 + i / 40 }),
);

// The first series' target line, whatever the chart.
const lineOf = (option: { series: object[] }) => (option.series[0] as { markLine: unknown }).markLine;

describe('labelWidth', () => {
  it('counts a CJK character square and others at about 0.6 em', () => {
    expect(labelWidth('目标')).toBe(24);
    expect(labelWidth('Target 60%')).toBe(72);
    expect(labelWidth('目标 60%')).toBe(53);
  });
});

describe('barOption', () => {
  it('puts the target label right of the bars, with room for it in the grid', () => {
    for (const label of ['目标 60%', 'Target 60%']) {
      const option = barOption(cities, 0.6, label);
      expect(lineOf(option)).toMatchObject({ label: { formatter: label, position: 'end' }, data: [{ yAxis: 60 }] });
      expect(option.grid.right).toBeGreaterThanOrEqual(labelWidth(label));
    }
  });

  it('lays the bars down on a phone: one name a row, top down, the label above the line', () => {
    const option = barOption(cities, 0.6, '目标 60%', { horizontal: true });
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true, data: cities.map((c) => c.name) });
    expect(option.xAxis).toMatchObject({ type: 'value', max: 100 });
    // The inverse axis runs top down, so the standing line's start is its top.
    expect(lineOf(option)).toMatchObject({ label: { position: 'start' }, data: [{ xAxis: 60 }] });
    expect(option.grid.top).toBeGreaterThanOrEqual(24);
  });

  it('colours a bar by whether it is above the target', () => {
    const option = barOption([{ name: 'a', ratio: 0.61 }, { name: 'b', ratio: 0.6 }, { name: 'c', ratio: null }], 0.6, '');
    const colours = option.series[0].data.map((d) => d.itemStyle.color);
    expect(colours).toEqual(['#52c41a', '#fa8c16', '#fa8c16']);
  });
});

describe('barChartHeight', () => {
  it('gives each lying bar a row and keeps standing bars at 300 px', () => {
    expect(barChartHeight(12, true)).toBe(56 + 12 * 28);
    expect(barChartHeight(1, true)).toBe(barChartHeight(3, true));
    expect(barChartHeight(12, false)).toBe(300);
  });
});

describe('trendOption', () => {
  it('puts the target label right of the line, with room for it', () => {
    const option = trendOption([{ month: '2026-11', ratio: 0.62 }], 0.6, 'Target 60%');
    expect(lineOf(option)).toMatchObject({ label: { position: 'end' }, data: [{ yAxis: 60 }] });
    expect(option.grid.right).toBeGreaterThanOrEqual(labelWidth('Target 60%'));
  });
});
