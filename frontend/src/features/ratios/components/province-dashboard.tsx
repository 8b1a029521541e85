import { Alert, Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { DateField } from '@/components/ui/date-field';
import { Chart } from '@/components/charts/chart';
import { useEnumLabel } from '@/components/ui/enum-label';
import { ErrorState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { useIsPhone } from '@/lib/breakpoints';
import { isAfterTodayInChina } from '@/lib/dates';
import { formatPercent } from '@/lib/format';
import { cityLabel, cityTitle, useCities } from '@/lib/reference-data';

import { useRatioSummary } from '../api/get-ratio-summary';
import { BasesCard } from './bases-card';
import { BelowTargetTable } from './below-target-table';
import { barChartHeight, barOption } from './chart-options';
import { ProvinceWorkbookButton } from './province-workbook-button';
import { ScopeFilters } from './scope-filters';
import { RatioGaugeCard } from './ratio-gauge-card';
import { useScopeName } from './scope-name';
import { TrendCard } from './trend-card';

export type DashboardFilters = { city?: number; kind?: string; as_of?: string };

type Props = DashboardFilters & {
  onChange: (changes: DashboardFilters) => void;
  /** A city user sees its own city only. */
  cityLocked?: boolean;
};

export function ProvinceDashboard({ city, kind, as_of, onChange, cityLocked = false }: Props) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const label = useEnumLabel();
  const summary = useRatioSummary({ as_of, city, kind });
  const scopeName = useScopeName(city, kind);
  const cities = useCities();
  const language = i18n.resolvedLanguage ?? 'zh-CN';
  const cityName = (id: number, fallback: string) => {
    const c = cities.data?.results.find((x) => x.id === id);
    return c ? cityLabel(c, language) : fallback;
  };
  const cityScope = (id: number) => {
    const c = cities.data?.results.find((x) => x.id === id);
    return c ? cityTitle(c, language) : '';
  };

  if (summary.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;

  const data = summary.data;
  const target = data.target;
  const targetLabel = `${t('dashboard.target')} ${formatPercent(target, 0)}`;
  // The summary is already narrowed to the chosen city and kind: every card shows that scope.
  const figures = data.province;
  const schoolsLink = `${paths.schools}?${new URLSearchParams({
    ...(city ? { city: String(city) } : {}),
    ...(kind ? { kind } : {}),
    ...(as_of ? { as_of } : {}),
  }).toString()}`;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" gutter={[16, 8]}>
        <Col>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-title">
            {t('dashboard.scopedTitle', { scope: scopeName })}
          </Typography.Title>
          <Typography.Text type="secondary">{data.as_of}</Typography.Text>
        </Col>
        <Col>
          <Space wrap>
            <ScopeFilters city={city} kind={kind} cityLocked={cityLocked} onChange={onChange} />
            <DateField
              aria-label={t('dashboard.asOf')}
              placeholder={t('dashboard.asOf')}
              value={as_of ? dayjs(as_of) : null}
              disabledDate={isAfterTodayInChina}
              onChange={(d) => onChange({ as_of: d ? d.format('YYYY-MM-DD') : undefined })}
            />
            {!cityLocked && <ProvinceWorkbookButton asOf={as_of} />}
          </Space>
        </Col>
      </Row>
      {/* A desktop's first screen holds the ratio against the target, its trend and the schools
          below the target with their gaps (the worst first); the rest is a scroll away. */}
      {kind && <Alert type="info" showIcon title={t('dashboard.trendNoKind')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <RatioGaugeCard title={`${scopeName} · ${t('dashboard.ratioTitle')}`} figures={figures} />
        </Col>
        <Col xs={24} lg={16}>
          <TrendCard
            fill
            params={{ city, ...(as_of ? { as_of } : {}) }}
            target={target}
            title={`${city ? cityScope(city) : t('dashboard.province')} · ${t('dashboard.trend')}`}
          />
        </Col>
      </Row>
      <BelowTargetTable city={city} kind={kind} asOf={as_of} target={target} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            title={`${scopeName} · ${t('dashboard.schoolsMeeting')}`}
            size="small"
            style={{ height: '100%' }}
            extra={<Link to={schoolsLink}>{t('dashboard.allSchools')}</Link>}
          >
            <Typography.Title level={2} style={{ textAlign: 'center' }} data-testid="schools-meeting">
              <Link to={schoolsLink}>
                {data.schools.meeting_target} / {data.schools.total}
              </Link>
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
              {t('dashboard.schoolsMeetingHint', { value: formatPercent(target, 0) })}
              {data.schools.without_teachers_in_scope > 0 &&
                ` ${t('dashboard.withoutScope', { count: data.schools.without_teachers_in_scope })}`}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <BasesCard asOf={as_of} />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={`${scopeName} · ${t('dashboard.byCity')}`} size="small">
            <Chart
              height={barChartHeight(data.by_city.length, isPhone)}
              ariaLabel={t('dashboard.byCity')}
              onClick={({ dataIndex }) => !cityLocked && onChange({ city: data.by_city[dataIndex]?.city.id })}
              option={barOption(
                data.by_city.map((r) => ({ name: cityName(r.city.id, r.city.name), ratio: r.ratio })),
                target,
                targetLabel,
                { horizontal: isPhone },
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={`${scopeName} · ${t('dashboard.byKind')}`} size="small">
            <Chart
              height={barChartHeight(data.by_kind.length, isPhone)}
              ariaLabel={t('dashboard.byKind')}
              onClick={({ dataIndex }) => onChange({ kind: data.by_kind[dataIndex]?.kind })}
              option={barOption(
                data.by_kind.map((r) => ({ name: label('schoolKind', r.kind), ratio: r.ratio })),
                target,
                targetLabel,
                { horizontal: isPhone },
              )}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
