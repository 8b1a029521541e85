import { Col, Descriptions, Row, Skeleton, Space, Typography } from 'antd';
import { LinkButton } from '@/components/ui/link-button';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { NotFound } from '@/components/ui/not-found';
import { ErrorState } from '@/components/ui/query-state';
import { technicalKinds } from '@/config/enums';
import { paths } from '@/config/paths';
import { ApiError } from '@/lib/api-client';
import { daysUntil, formatDate, formatPercent } from '@/lib/format';
import { cityLabel, useCities } from '@/lib/reference-data';

import { useSchool } from '../api/get-school';
import { useSchoolRatios } from '../api/get-school-ratios';
import { CandidatesCard } from './candidates-card';
import { RatioGaugeCard } from './ratio-gauge-card';
import { StaffingCard } from './staffing-card';
import { TrendCard } from './trend-card';
import { SchoolWorkbookButton } from './province-workbook-button';

/** One school: its ratio against target, the gap, staffing, trend and who is closest. */
export function SchoolDashboard({ schoolId }: { schoolId: number }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const { i18n } = useTranslation();
  const cities = useCities();
  const cityName = (id: number, fallback: string) => {
    const c = cities.data?.results.find((x) => x.id === id);
    return c ? cityLabel(c, i18n.resolvedLanguage ?? 'zh-CN') : fallback;
  };
  const school = useSchool(schoolId);
  const ratios = useSchoolRatios({ school: schoolId }, Number.isFinite(schoolId));

  if (school.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (school.isError) {
    if (school.error instanceof ApiError && school.error.status === 404) return <NotFound />;
    return <ErrorState error={school.error} onRetry={() => void school.refetch()} />;
  }
  const s = school.data;
  const row = ratios.data?.results.find((r) => r.school.id === schoolId);
  const technical = technicalKinds.has(s.kind);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row justify="space-between" align="middle" gutter={[16, 8]}>
        {/* The left column takes the room the buttons leave: sized to the title alone, the
            code, city and kind broke their labels over two lines (学校 / 代码). */}
        <Col flex="auto">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {s.name}
          </Typography.Title>
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('school.code')}>{s.code}</Descriptions.Item>
            <Descriptions.Item label={t('school.city')}>{cityName(s.city, s.city_name)}</Descriptions.Item>
            <Descriptions.Item label={t('school.kind')}>{label('schoolKind', s.kind)}</Descriptions.Item>
          </Descriptions>
        </Col>
        <Col>
          <Space wrap>
            <SchoolWorkbookButton school={s.id} />
            <LinkButton to={`${paths.teachers}?school=${s.id}`}>{t('school.teachers')}</LinkButton>
          </Space>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          {ratios.isPending ? (
            <Skeleton active />
          ) : ratios.isError ? (
            <ErrorState error={ratios.error} onRetry={() => void ratios.refetch()} />
          ) : row ? (
            <RatioGaugeCard
              title={technical ? t('school.ratioTechnical') : t('school.ratio')}
              figures={row}
              extra={
                // Meeting the target today but not for long if nothing changes (the forecast's
                // first day below, within its 12 months): said here, before it lapses.
                row.meets_target && row.forecast_below_on ? (
                  <Typography.Paragraph type="warning" style={{ margin: '8px 0 0' }} data-testid="falls-below-note">
                    {t('school.fallsBelow', {
                      date: formatDate(row.forecast_below_on),
                      inDays: t('forecast.inDays', { count: daysUntil(row.forecast_below_on) ?? 0 }),
                      value: formatPercent(row.target, 0),
                    })}
                  </Typography.Paragraph>
                ) : undefined
              }
            />
          ) : (
            <Typography.Text type="secondary">{t('dashboard.noRatio')}</Typography.Text>
          )}
        </Col>
        <Col xs={24} lg={14}>
          <StaffingCard staffing={row?.staffing} />
        </Col>
      </Row>
      <TrendCard params={{ school: schoolId }} target={row?.target ?? 0.6} />
      <CandidatesCard school={schoolId} />
    </Space>
  );
}
