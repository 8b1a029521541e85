import { Card, Col, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { CardTitle } from '@/components/ui/card-title';
import { ItemList } from '@/components/ui/item-list';
import { ErrorState } from '@/components/ui/query-state';
import { useMe } from '@/lib/auth';
import { formatPercent, formatPercentAgainst } from '@/lib/format';
import type { DashboardCardProps } from '@/types/dashboard';

import { useShares } from '../api/get-shares';
import type { ShareRow } from '../types/hours';

/** Measure 6: practical teaching hours at least 50% of all hours, per school, latest term
 * (on the dashboard's date `asOf`, the term in effect that day); on the dashboard, of its city
 * and kind, `scope` ("技工学校") beginning the title. */
export function PracticalHoursCard({ city, kind, scope, asOf }: DashboardCardProps) {
  const { t } = useTranslation();
  const shares = useShares({ city, kind, ...(asOf ? { as_of: asOf } : {}) });
  const ownSchool = useMe().data?.role === 'school_hr';
  const title = scope ? `${scope} · ${t('hours.title')}` : t('hours.title');
  // Small, as every card of the dashboard and of my school; its title on one line.
  const head = <CardTitle text={title} />;
  if (shares.isPending) return <Card size="small" title={head}><Skeleton active /></Card>;
  if (shares.isError)
    return (
      <Card size="small" title={head}>
        <ErrorState error={shares.error} onRetry={() => void shares.refetch()} />
      </Card>
    );
  const { schools, target, term } = shares.data;
  const reported = schools.filter((s) => s.total_hours > 0);
  const below = reported.filter((s) => s.meets_target === false).sort((a, b) => (a.practical_share ?? 0) - (b.practical_share ?? 0));
  const total = reported.reduce((n, s) => n + s.total_hours, 0);
  const practical = reported.reduce((n, s) => n + s.practical_hours, 0);
  // A school's HR reads its own school: its hours and verdict, not counts of schools.
  if (ownSchool) {
    const row = schools[0];
    return (
      <Card
        size="small"
        title={<CardTitle text={t('hours.title')} />}
        extra={term ? t('hours.term', { term }) : undefined}
        data-testid="practical-hours-card"
      >
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col xs={12} md={8}>
            <Statistic
              title={t('hours.share')}
              value={formatPercentAgainst(row?.total_hours ? row.practical_share : null, target, row?.meets_target)}
            />
          </Col>
          <Col xs={12} md={8}>
            <Statistic
              title={t('hours.ownHours')}
              value={row?.total_hours ? `${row.practical_hours} / ${row.total_hours}` : '—'}
              valueStyle={{ whiteSpace: 'nowrap' }}
              data-testid="own-hours"
            />
          </Col>
          <Col xs={24} md={8}>
            {!row?.total_hours ? (
              <Tag>{t('hours.notReported')}</Tag>
            ) : row.meets_target ? (
              <Tag color="green">{t('hours.meets', { target: formatPercent(target, 0) })}</Tag>
            ) : (
              <Tag color="red">{t('hours.belowOwn', { target: formatPercent(target, 0) })}</Tag>
            )}
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('hours.help', { target: formatPercent(target, 0) })}
        </Typography.Paragraph>
      </Card>
    );
  }
  return (
    <Card size="small" title={head} extra={term ? t('hours.term', { term }) : undefined} data-testid="practical-hours-card">
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col xs={12} md={8}>
          <Statistic title={t('hours.share')} value={formatPercent(total ? practical / total : null)} />
        </Col>
        <Col xs={12} md={8}>
          <Statistic title={t('hours.below', { target: formatPercent(target, 0) })} value={below.length} suffix={`/ ${reported.length}`} />
        </Col>
        <Col xs={12} md={8}>
          <Statistic title={t('hours.missing')} value={schools.length - reported.length} />
        </Col>
      </Row>
      <ItemList<ShareRow>
        size="small"
        header={below.length ? t('hours.belowList') : undefined}
        items={below}
        rowKey={(row) => row.school.id}
        pagination={below.length > 5 ? { pageSize: 5, size: 'small' } : false}
        emptyText={t('hours.noneBelow')}
        renderItem={(row) => ({
          'data-testid': 'hours-below-school',
          content: <span>{row.school.name}</span>,
          extra: (
            <span>
              {t('hours.shareOf', {
                share: formatPercentAgainst(row.practical_share, target, row.meets_target),
                hours: row.practical_hours,
                total: row.total_hours,
              })}
            </span>
          ),
        })}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('hours.help', { target: formatPercent(target, 0) })}
      </Typography.Paragraph>
    </Card>
  );
}
