import { Card, Col, Row, Statistic, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { Chart } from '@/components/charts/chart';
import { CountSuffix } from '@/components/ui/count-suffix';
import { formatPercent, formatPercentAgainst } from '@/lib/format';

import type { RatioFigures } from '../types/ratios';
import { gaugeOption } from './chart-options';

export function RatioGaugeCard({
  title,
  figures,
  extra,
}: {
  title: string;
  figures: RatioFigures;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const target = figures.target;
  // Beside its verdict: never across the target against it (the gauge's figure the same).
  const ratio = formatPercentAgainst(figures.ratio, target, figures.meets_target);
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      <Chart
        height={220}
        ariaLabel={`${title}: ${ratio}`}
        option={gaugeOption(
          figures.ratio,
          target,
          t('dashboard.gaugeCaption', { value: formatPercent(target, 0) }),
          figures.meets_target,
        )}
      />
      <Row gutter={8} style={{ textAlign: 'center' }}>
        <Col span={8}>
          <Statistic title={t('dashboard.ratio')} value={ratio} />
        </Col>
        <Col span={8}>
          <Statistic title={t('dashboard.qualified')} value={figures.qualified} suffix={<CountSuffix>/ {figures.in_scope}</CountSuffix>} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('dashboard.gap')}
            value={figures.gap ?? '—'}
            styles={{ content: { color: figures.meets_target ? '#389e0d' : '#cf1322' } }}
          />
        </Col>
      </Row>
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        {figures.ratio === null ? (
          <Tag>{t('dashboard.noRatio')}</Tag>
        ) : figures.meets_target ? (
          <Tag color="success">{t('school.meets')}</Tag>
        ) : (
          <Tag color="error">{t('dashboard.belowTargetTag', { value: formatPercent(target, 0) })}</Tag>
        )}
        {extra}
      </div>
      {figures.recognized !== undefined && (
        <div style={{ textAlign: 'center', marginTop: 8, color: '#595959' }} data-testid="recognized-line">
          {t('recognition.overview.recognizedLine', {
            n: figures.recognized,
            of: figures.in_scope,
            ratio: formatPercent(figures.recognized_ratio),
          })}
        </div>
      )}
    </Card>
  );
}
