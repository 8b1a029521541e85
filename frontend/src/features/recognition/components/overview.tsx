import { Alert, Card, Col, Row, Statistic, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { CountSuffix } from '@/components/ui/count-suffix';
import { ItemList } from '@/components/ui/item-list';
import { ErrorState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { formatPercent, formatPercentAgainst } from '@/lib/format';

import { useGaps, useRecognizedShare, type GapRow } from '../api/overview';
import { LevelText } from './status-tag';

/** The teachers list's filters (its address) for each work list: qualifying today and holding
 * no recognition in force; holding one and no longer qualifying, leavers included (a leaver's
 * recognition still in force is on the gaps list). */
const SHOULD_APPLY = 'qualified=true&recognized=false';
const LAPSED = 'qualified=false&recognized=true&active=all';

/** Recognized beside computed for the user's scope, and the two work lists. */
export function RecognitionOverview() {
  const { t } = useTranslation();
  const share = useRecognizedShare().data?.province;
  const gapsQuery = useGaps();
  const gaps = gapsQuery.data;
  // The lists hold the first `limit` rows; the tab counts them all (should_apply_total), and
  // the teachers list, filtered as the tab is, holds them all.
  const list = (rows: GapRow[], total: number, filters: string) => {
    const whole = (
      <Link to={`${paths.teachers}?${filters}`} style={{ fontSize: 12 }} data-testid="gaps-whole-list">
        {t('recognition.overview.wholeList', { total })}
      </Link>
    );
    return (
      <>
        {rows.length < total ? (
          <Alert
            type="info"
            showIcon
            style={{ margin: '8px 0' }}
            data-testid="gaps-cut-short"
            title={t('recognition.overview.firstRows', { shown: rows.length, total })}
            action={whole}
          />
        ) : (
          total > 0 && <div style={{ textAlign: 'right', margin: '4px 0' }}>{whole}</div>
        )}
        {rowsList(rows)}
      </>
    );
  };
  const rowsList = (rows: GapRow[]) => (
    <ItemList
      size="small"
      loading={gapsQuery.isPending}
      items={rows}
      pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
      renderItem={(r) => ({
        content: <Link to={`/teachers/${r.teacher}`}>{r.teacher_name}</Link>,
        extra: (
          <span>
            {r.school_name} · <LevelText level={r.level} />
            {r.certificate_no ? ` · ${r.certificate_no}` : ''}
          </span>
        ),
      })}
    />
  );
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={10}>
        <Card size="small" title={t('recognition.overview.title')} data-testid="recognized-share">
          <Row gutter={12}>
            <Col span={12}>
              <Statistic title={t('recognition.overview.computed')} value={formatPercent(share?.ratio)} suffix={share && <CountSuffix>{share.qualified}/{share.in_scope}</CountSuffix>} />
            </Col>
            <Col span={12}>
              <Statistic title={t('recognition.overview.recognized')} value={formatPercentAgainst(share?.recognized_ratio, share?.target, share?.recognized_meets_target)} suffix={share && <CountSuffix>{share.recognized}/{share.in_scope}</CountSuffix>} />
            </Col>
          </Row>
          {share?.recognized_gap ? (
            <div style={{ marginTop: 8, color: '#a8071a' }}>
              {t('recognition.overview.gap', { count: share.recognized_gap, target: formatPercent(share.target, 0) })}
            </div>
          ) : null}
        </Card>
      </Col>
      <Col xs={24} md={14}>
        <Card size="small" styles={{ body: { paddingTop: 0 } }}>
          {gapsQuery.isError ? (
            <ErrorState error={gapsQuery.error} onRetry={() => void gapsQuery.refetch()} />
          ) : (
            <Tabs
              size="small"
              items={[
                {
                  key: 'apply',
                  label: t('recognition.overview.shouldApply', { n: gaps?.should_apply_total ?? 0 }),
                  children: list(gaps?.should_apply ?? [], gaps?.should_apply_total ?? 0, SHOULD_APPLY),
                },
                {
                  key: 'lapsed',
                  label: t('recognition.overview.lapsed', { n: gaps?.no_longer_qualified_total ?? 0 }),
                  children: list(gaps?.no_longer_qualified ?? [], gaps?.no_longer_qualified_total ?? 0, LAPSED),
                },
              ]}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
