import { Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';

import { Chart } from '@/components/charts/chart';
import { ErrorState } from '@/components/ui/query-state';
import { formatPercent } from '@/lib/format';

import { useRatioForecast } from '../api/get-ratio-forecast';
import { useRatioTrend, type TrendParams } from '../api/get-ratio-trend';
import { trendOption } from './chart-options';

export function TrendCard({
  params,
  target,
  title,
  withForecast = true,
  fill = false,
}: {
  params: TrendParams;
  target: number;
  title?: string;
  withForecast?: boolean;
  /** Fills its row's height (beside the ratio's gauge on the province's dashboard). */
  fill?: boolean;
}) {
  const { t } = useTranslation();
  const trend = useRatioTrend(params);
  // Only when the trend ends at today: a forecast after a past month (or date) would mislead.
  const forecast = useRatioForecast(
    { school: params.school, city: params.city },
    withForecast && !params.end && !params.as_of,
  );
  return (
    <Card title={title ?? t('dashboard.trend')} size="small" style={fill ? { height: '100%' } : undefined}>
      {trend.isPending ? (
        <Skeleton active />
      ) : trend.isError ? (
        <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
      ) : (
        <Chart
          height={fill ? 320 : 260}
          ariaLabel={t('dashboard.trend')}
          option={trendOption(
            trend.data.points,
            target,
            `${t('dashboard.target')} ${formatPercent(target, 0)}`,
            forecast.data ? { points: forecast.data.points, label: t('forecast.line'), actualLabel: t('forecast.actual') } : undefined,
            { label: t('dashboard.trendRecorded'), actualLabel: t('forecast.actual') },
          )}
        />
      )}
    </Card>
  );
}
