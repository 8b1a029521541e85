import { Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';

import { Chart } from '@/components/charts/chart';
import { ErrorState } from '@/components/ui/query-state';
import { formatPercent } from '@/lib/format';

import { useRatioTrend, type TrendParams } from '../api/get-ratio-trend';
import { trendOption } from './chart-options';

export function TrendCard({ params, target, title }: { params: TrendParams; target: number; title?: string }) {
  const { t } = useTranslation();
  const trend = useRatioTrend(params);
  return (
    <Card title={title ?? t('dashboard.trend')} size="small">
      {trend.isPending ? (
        <Skeleton active />
      ) : trend.isError ? (
        <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
      ) : (
        <Chart
          height={260}
          ariaLabel={t('dashboard.trend')}
          option={trendOption(
            trend.data.points,
            target,
            `${t('dashboard.target')} ${formatPercent(target, 0)}`,
          )}
        />
      )}
    </Card>
  );
}
