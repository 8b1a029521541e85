import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { CardTitle } from '@/components/ui/card-title';
import { ItemList } from '@/components/ui/item-list';
import { ErrorState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { todayInChinaText } from '@/lib/dates';
import { daysUntil, formatDate } from '@/lib/format';
import type { DashboardCardProps } from '@/types/dashboard';

import { useFallingBelow } from '../api/get-ratio-forecast';
import type { FallingSchool } from '../types/forecast';

/** Schools meeting the target today that fall below within 6 months if nothing changes, of
 * the dashboard's city and kind; `scope` ("技工学校") begins the title as on the other cards.
 * The forecast starts from today's figures: with another date chosen on the dashboard
 * (`asOf`), the card says so, instead of reading as that date's forecast. */
export function FallingBelowCard({ city, kind, scope, asOf }: DashboardCardProps) {
  const { t } = useTranslation();
  const otherDay = asOf !== undefined && asOf !== todayInChinaText();
  const falling = useFallingBelow({ city, kind, months: 6 });
  const title = scope ? `${scope} · ${t('forecast.fallingTitle')}` : t('forecast.fallingTitle');
  return (
    <Card size="small" title={<CardTitle text={title} />} data-testid="falling-below-card">
      {otherDay && (
        <Typography.Paragraph type="warning" data-testid="forecast-from-today" style={{ marginBottom: 8 }}>
          {t('forecast.fromToday', { date: formatDate(asOf) })}
        </Typography.Paragraph>
      )}
      {falling.isError ? (
        <ErrorState error={falling.error} onRetry={() => void falling.refetch()} />
      ) : (
        <ItemList<FallingSchool>
          size="small"
          loading={falling.isPending}
          items={falling.data ?? []}
          rowKey={(row) => row.school.id}
          pagination={(falling.data?.length ?? 0) > 8 ? { pageSize: 8, size: 'small' } : false}
          emptyText={t('forecast.noneFalling')}
          renderItem={(row) => ({
            'data-testid': 'falling-school',
            content: <Link to={paths.school(row.school.id)}>{row.school.name}</Link>,
            extra: (
              <span>
                {t('forecast.onDay', {
                  date: formatDate(row.below_on),
                  inDays: t('forecast.inDays', { count: daysUntil(row.below_on) ?? 0 }),
                })}
              </span>
            ),
          })}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('forecast.help')}
      </Typography.Paragraph>
    </Card>
  );
}
