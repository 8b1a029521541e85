// ECharts options built from API figures; pure functions, so tests can check them.

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
          formatter: ratio === null ? '—' : '{value}%',
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

export function barOption(
  rows: { name: string; ratio: number | null }[],
  target: number,
  targetLabel: string,
) {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v === null ? '—' : `${v}%`) },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      // Long names (English school kinds) or many bars: slant the labels so they never overlap.
      axisLabel: { interval: 0, rotate: slantLabels(rows.map((r) => r.name)) ? 30 : 0 },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 36,
        data: rows.map((r) => ({
          value: pct(r.ratio),
          itemStyle: { color: r.ratio !== null && r.ratio > target ? '#52c41a' : '#fa8c16' },
        })),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#cf1322' },
          label: { formatter: targetLabel, position: 'insideEndTop' },
          data: [{ yAxis: pct(target) }],
        },
      },
    ],
  };
}

export function trendOption(
  points: { month: string; ratio: number | null }[],
  target: number,
  targetLabel: string,
  forecast?: { points: { date: string; ratio: number | null }[]; label: string },
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
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v === null ? '—' : `${v}%`) },
    grid: { left: 40, right: 16, top: 24, bottom: 30 },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'line',
        smooth: true,
        showSymbol: true,
        symbolSize: 7,
        areaStyle: { opacity: 0.08 },
        data: points.map((p) => pct(p.ratio)),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#cf1322' },
          label: { formatter: targetLabel, position: 'insideEndTop' },
          data: [{ yAxis: pct(target) }],
        },
      },
      ...forecastSeries,
    ],
  };
}
