import type { ChartProps } from '@/components/charts/chart-props';

export default function EChartStub({ ariaLabel, option }: ChartProps) {
  return <div role="img" aria-label={ariaLabel} data-testid="chart" data-option={JSON.stringify(option)} />;
}
