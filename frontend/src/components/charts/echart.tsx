import { BarChart, GaugeChart, LineChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

import { prefersReducedMotion } from '@/lib/motion';

import type { ChartProps } from './chart-props';

echarts.use([
  BarChart,
  GaugeChart,
  LineChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** ECharts in a div; only the pieces we use are bundled, and this module loads lazily. */
export default function EChart({ option, height = 300, ariaLabel, onClick }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  // The option last drawn, as text (functions left out): a parent's re-render builds an equal
  // option anew, and drawing it again would replay the chart's entry animation.
  const drawn = useRef('');

  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current);
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params as { name: string; dataIndex: number }));
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    const observer = new ResizeObserver(resize);
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
      drawn.current = '';
    };
  }, []);

  useEffect(() => {
    const text = JSON.stringify(option);
    if (!chart.current || text === drawn.current) return;
    drawn.current = text;
    // "Reduce motion" (lib/motion): the chart is drawn at once, without its entry animation.
    const still = prefersReducedMotion() ? { animation: false } : {};
    chart.current.setOption({ aria: { enabled: true }, ...still, ...option } as echarts.EChartsCoreOption, true);
  }, [option]);

  return <div ref={ref} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />;
}
