import { Card, Col, Progress, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { ErrorState } from '@/components/ui/query-state';
import { formatDate } from '@/lib/format';

import { useBasesProgress } from '../api/get-bases-progress';

/** Active bases against the target (20 by 2025-12-31), saying when the deadline passed. */
export function BasesProgressCard() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const progress = useBasesProgress();
  if (progress.isPending)
    return (
      <Card title={t('training.progress')}>
        <Skeleton active />
      </Card>
    );
  if (progress.isError)
    return (
      <Card title={t('training.progress')}>
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      </Card>
    );
  const p = progress.data;
  const { target } = p;
  return (
    <Card title={t('training.progress')}>
      <Row gutter={[24, 16]} align="middle">
        <Col xs={24} md={6} style={{ textAlign: 'center' }}>
          <Progress
            type="dashboard"
            percent={Math.round((p.active / Math.max(target.count, 1)) * 100)}
            format={() => `${p.active} / ${target.count}`}
            status={p.met ? 'success' : p.missed ? 'exception' : 'active'}
          />
        </Col>
        <Col xs={24} md={18}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>
                {t('training.progressLine', { active: p.active, target: target.count })}
              </Typography.Text>
              {target.deadline && (
                <Typography.Text type="secondary">
                  {t('training.deadline', { date: formatDate(target.deadline) })}
                </Typography.Text>
              )}
              {target.deadline_passed ? (
                <Tag color={p.met ? 'green' : 'red'} data-testid="deadline-passed">
                  {p.missed ? t('training.deadlineMissed') : t('training.deadlinePassed')}
                </Tag>
              ) : target.days_left !== null ? (
                <Tag color="blue">{t('training.daysLeft', { count: target.days_left })}</Tag>
              ) : null}
            </Space>
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Statistic title={t('training.stats.total')} value={p.total} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('training.stats.activeOnTime')} value={p.active_on_time ?? '—'} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('training.stats.remaining')} value={p.remaining} />
              </Col>
              <Col xs={12} md={6}>
                {/* Two small counts in one cell: "4 / 1" stays on one line on a phone. */}
                <Statistic
                  title={`${label('baseStatus', 'planned')} / ${label('baseStatus', 'suspended')}`}
                  value={`${p.by_status?.planned ?? 0} / ${p.by_status?.suspended ?? 0}`}
                  data-testid="bases-planned-suspended"
                />
              </Col>
            </Row>
            <Space wrap>
              {Object.entries(p.by_designation ?? {}).map(([code, split]) => (
                <Tag key={code}>
                  {label('designation', code)} {split.active}/{split.total}
                </Tag>
              ))}
              {Object.entries(p.by_host_kind ?? {}).map(([code, split]) => (
                <Tag key={code}>
                  {label('hostKind', code)} {split.active}/{split.total}
                </Tag>
              ))}
            </Space>
          </Space>
        </Col>
      </Row>
    </Card>
  );
}
