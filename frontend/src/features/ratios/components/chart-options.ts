// ECharts options built from API figures; pure functions, so tests can check them.

import { formatPercentAgainst } from '@/lib/format';

const pct = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? null : Math.round(ratio * 1000) / 10;

export function gaugeOption(ratio: number | null, target: number, label: string, meets?: boolean) {
  return {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        progress: { show: true, width: 14 },
        axisLine: {
          lineStyle: {
            width: 14,
            color: [
              [target, '#ffccc7'],
              [1, '#d9f7be'],
            ],
          },
        },
        radius: '95%',
        center: ['50%', '58%'],
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: ratio !== null, width: 4, length: '55%' },
        anchor: { show: false },
        title: { offsetCenter: [0, '82%'], fontSize: 12 },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '50%'],
          fontSize: 26,
          // The statistic's words under the gauge (one decimal): 63.0%, and 60.0% (not a
          // rounded 60%) below a strict "more than 60%" target; never across the target
          // against the verdict (59.996%, not 60.0%, below it).
          formatter: () => formatPercentAgainst(ratio, target, meets),
          color: ratio !== null && (meets ?? ratio > target) ? '#389e0d' : '#cf1322',
        },
        data: [{ value: pct(ratio) ?? 0, name: label }],
      },
    ],
  };
}

/** Do these category labels need slanting to fit side by side? */
export function slantLabels(names: string[]): boolean {
  const longest = Math.max(0, ...names.map((n) => [...n].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 2 : 1), 0)));
  return names.length > 6 || longest * names.length > 48;
}

/** About how wide ECharts draws a label at 12 px: a CJK character is square, others about 0.6 em. */
export function labelWidth(text: string, fontSize = 12): number {
  return Math.ceil([...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 1 : 0.6), 0) * fontSize);
}

/** The target line's label, drawn past the line's end where no bar or line can cover it (the
 * grid leaves room for it): right of a level line; above a standing one, whose top is its
 * start when the categories run top down (an inverse axis). */
function targetLine(targetLabel: string, at: { xAxis: number | null } | { yAxis: number | null }) {
  return {
    symbol: 'none',
    lineStyle: { type: 'dashed', color: '#cf1322' },
    label: { formatter: targetLabel, position: 'xAxis' in at ? 'start' : 'end', color: '#cf1322' },
    data: [at],
  };
}

/** The chart's height for `bars` bars: lying down (a phone), each bar gets a row of its own. */
export function barChartHeight(bars: number, horizontal: boolean): number {
  return horizontal ? 56 + 28 * Math.max(bars, 3) : 300;
}

/**
 * Ratios as bars against the target. `horizontal` (a phone): the bars lie down, one name a row,
 * so twelve cities' names never overlap in a narrow column.
 */
export function barOption(
  rows: { name: string; ratio: number | null }[],
  target: number,
  targetLabel: string,
  { horizontal = false }: { horizontal?: boolean } = {},
) {
  const names = rows.map((r) => r.name);
  const values = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } };
  const series = {
    type: 'bar',
    barMaxWidth: horizontal ? 18 : 36,
    data: rows.map((r) => ({
      value: pct(r.ratio),
      itemStyle: { color: r.ratio !== null && r.ratio > target ? '#52c41a' : '#fa8c16' },
    })),
    markLine: targetLine(targetLabel, horizontal ? { xAxis: pct(target) } : { yAxis: pct(target) }),
  };
  const tooltip = { trigger: 'axis', valueFormatter: (v: number) => (v === null ? '—' : `${v}%`) };
  if (horizontal) {
    return {
      tooltip,
      // The label stands above the line's top end, the last tick's "100%" right of the plot.
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: names, axisLabel: { interval: 0 } },
      xAxis: values,
      series: [series],
    };
  }
  return {
    tooltip,
    grid: { left: 8, right: labelWidth(targetLabel) + 12, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: names,
      // Long names (English school kinds) or many bars: slant the labels so they never overlap.
      axisLabel: { interval: 0, rotate: slantLabels(names) ? 30 : 0 },
    },
    yAxis: values,
    series: [series],
  };
}

export function trendOption(
  points: { month: string; ratio: number | null; recorded?: { ratio: number | null } | null }[],
  target: number,
  targetLabel: string,
  forecast?: { points: { date: string; ratio: number | null }[]; label: string; actualLabel?: string },
  recorded?: { label: string; actualLabel: string },
) {
  // The forecast continues the line after today's (the last) point, dashed.
  const last = points.length - 1;
  const ahead = (forecast?.points ?? []).filter((p) => last < 0 || p.date.slice(0, 7) > points[last].month);
  const months = [...points.map((p) => p.month), ...ahead.map((p) => p.date.slice(0, 7))];
  const forecastSeries = ahead.length
    ? [
        {
          type: 'line',
          name: forecast?.label,
          smooth: true,
          showSymbol: true,
          symbolSize: 5,
          lineStyle: { type: 'dashed' },
          data: [...points.map((p, i) => (i === last ? pct(p.ratio) : null)), ...ahead.map((p) => pct(p.ratio))],
        },
      ]
    : [];
  // A month whose figure changed after the job recorded it on the 1st (facts entered later,
  // or a new rule profile): the recorded figure beside the point, so a published figure
  // that was since corrected shows as such.
  const corrected = recorded
    ? points.map((p) => (p.recorded && p.recorded.ratio !== p.ratio ? pct(p.recorded.ratio) : null))
    : [];
  const recordedSeries = corrected.some((v) => v !== null)
    ? [
        {
          type: 'scatter',
          name: recorded?.label,
          symbol: 'diamond',
          symbolSize: 9,
          itemStyle: { color: '#8c8c8c' },
          data: [...corrected, ...ahead.map(() => null)],
        },
      ]
    : [];
  // A legend says which part is a forecast (the dashed line alone said so only on hover), and
  // which marks are the figures recorded on the 1st.
  const actualLabel = forecast?.actualLabel ?? recorded?.actualLabel;
  const extra = [...forecastSeries, ...recordedSeries];
  const legend = extra.length
    ? { legend: { top: 0, left: 40, data: [actualLabel ?? '', ...extra.map((e) => e.name ?? '')].filter(Boolean) } }
    : {};
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v === null ? '—' : `${v}%`) },
    ...legend,
    grid: { left: 40, right: labelWidth(targetLabel) + 12, top: extra.length ? 36 : 24, bottom: 30 },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'line',
        ...(extra.length && actualLabel ? { name: actualLabel } : {}),
        smooth: true,
        showSymbol: true,
        symbolSize: 7,
        areaStyle: { opacity: 0.08 },
        data: points.map((p) => pct(p.ratio)),
        markLine: targetLine(targetLabel, { yAxis: pct(target) }),
      },
      ...forecastSeries,
      ...recordedSeries,
    ],
  };
}
