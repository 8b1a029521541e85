import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { ErrorState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { daysUntil, formatDate } from '@/lib/format';

import { useFallingBelow } from '../api/get-ratio-forecast';
import type { FallingSchool } from '../types/forecast';

/** Schools meeting the target today that fall below within 6 months if nothing changes. */
export function FallingBelowCard({ city }: { city?: number }) {
  const { t } = useTranslation();
  const falling = useFallingBelow({ city, months: 6 });
  return (
    <Card title={t('forecast.fallingTitle')} data-testid="falling-below-card">
      {falling.isError ? (
        <ErrorState error={falling.error} onRetry={() => void falling.refetch()} />
      ) : (
        <List<FallingSchool>
          size="small"
          loading={falling.isPending}
          dataSource={falling.data ?? []}
          pagination={(falling.data?.length ?? 0) > 8 ? { pageSize: 8, size: 'small' } : false}
          locale={{ emptyText: t('forecast.noneFalling') }}
          renderItem={(row) => (
            <List.Item data-testid="falling-school">
              <Link to={paths.school(row.school.id)}>{row.school.name}</Link>
              <span>
                {formatDate(row.below_on)}（{t('forecast.inDays', { days: daysUntil(row.below_on) })}）
              </span>
            </List.Item>
          )}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('forecast.help')}
      </Typography.Paragraph>
    </Card>
  );
}
