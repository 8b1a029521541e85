import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';

import type { ChartProps } from './chart-props';

const EChart = lazy(() => import('./echart'));

/** A chart whose ECharts code is fetched on first use, not with the app shell. */
export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 300 }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
