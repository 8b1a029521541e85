import { Card, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { ErrorState } from '@/components/ui/query-state';
import { formatDate } from '@/lib/format';

import { useBasesProgress } from '../api/get-bases-progress';

/** Training bases built against the target of 20 on `asOf` (default today), and whether the
 * deadline had passed by then. The target is the province's: a city or kind chosen on the
 * dashboard does not narrow it, and the title says so. */
export function BasesCard({ asOf }: { asOf?: string }) {
  const { t } = useTranslation();
  const progress = useBasesProgress({ as_of: asOf });
  return (
    <Card
      title={`${t('dashboard.province')} · ${t('dashboard.bases')}`}
      size="small"
      style={{ height: '100%' }}
      data-testid="bases-card"
    >
      {progress.isPending ? (
        <Skeleton active />
      ) : progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : (
        <Space orientation="vertical" align="center" style={{ width: '100%' }}>
          <Progress
            type="dashboard"
            percent={Math.round((progress.data.active / Math.max(progress.data.target.count, 1)) * 100)}
            format={() => `${progress.data.active} / ${progress.data.target.count}`}
            status={progress.data.met ? 'success' : progress.data.missed ? 'exception' : 'active'}
          />
          <Typography.Text>
            {t('dashboard.basesProgress', { count: progress.data.active, target: progress.data.target.count })}
          </Typography.Text>
          {progress.data.target.deadline && (
            <Space wrap>
              <Typography.Text type="secondary">
                {t('dashboard.deadline', { date: formatDate(progress.data.target.deadline) })}
              </Typography.Text>
              {progress.data.target.deadline_passed ? (
                <Tag color="red">{t('dashboard.deadlinePassed')}</Tag>
              ) : progress.data.target.days_left !== null ? (
                <Tag color="blue">{t('dashboard.daysLeft', { count: progress.data.target.days_left })}</Tag>
              ) : null}
            </Space>
          )}
        </Space>
      )}
    </Card>
  );
}
