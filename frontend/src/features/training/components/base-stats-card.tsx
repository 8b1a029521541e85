import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { formatPercent } from '@/lib/format';

import { useBaseStats } from '../api/get-base-stats';

/** The staff's own base in four figures. */
export function BaseStatsCard({ title }: { title?: string | null }) {
  const { t } = useTranslation();
  const stats = useBaseStats();
  const row = stats.data?.[0];
  return (
    <Card title={title ?? t('training.myBase')}>
      {stats.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : !row ? (
        <EmptyState />
      ) : (
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Statistic title={t('training.stats.programs')} value={row.programs} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('training.stats.teachersTrained')} value={row.teachers_trained} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('training.stats.passRate')} value={formatPercent(row.pass_rate)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('training.stats.qualifiedThrough')} value={row.qualified_through} />
          </Col>
        </Row>
      )}
    </Card>
  );
}
