import { Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatPercent } from '@/lib/format';

import type { ProfilePreview } from '../types/settings';

const arrow = (before: string | number, after: string | number) => `${before} → ${after}`;

/** The server's preview: schools that would change status, and the province figures. */
export function PreviewResult({ preview, compact = false }: { preview: ProfilePreview; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <div data-testid="preview-result">
      <Row gutter={[16, 8]}>
        <Col xs={12} md={compact ? 12 : 6}>
          <Statistic title={t('settings.preview.newlyMeeting')} value={preview.newly_meeting} styles={{ content: { color: '#389e0d' } }} />
        </Col>
        <Col xs={12} md={compact ? 12 : 6}>
          <Statistic title={t('settings.preview.newlyBelow')} value={preview.newly_below} styles={{ content: { color: '#cf1322' } }} />
        </Col>
        {/* Before → after: a phone's whole width (in half of it, 64.8% → 64.8% broke in two). */}
        <Col xs={24} sm={12} md={compact ? 12 : 6}>
          <Statistic
            title={t('settings.preview.meeting', { count: preview.schools })}
            value={arrow(preview.meeting_target_now, preview.meeting_target_after)}
          />
        </Col>
        <Col xs={24} sm={12} md={compact ? 12 : 6}>
          <Statistic
            title={t('settings.preview.provinceRatio')}
            value={arrow(formatPercent(preview.province_ratio_now), formatPercent(preview.province_ratio_after))}
          />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('settings.preview.qualified', { before: preview.qualified_now, after: preview.qualified_after, date: preview.as_of })}
      </Typography.Paragraph>
      {!compact && preview.changed_schools.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          dataSource={preview.changed_schools}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('settings.preview.school'), key: 'name', render: (_, row) => `${row.code} ${row.name}` },
            {
              title: t('settings.preview.qualifiedCol'),
              key: 'q',
              render: (_, row) => `${row.before.qualified}/${row.before.in_scope} → ${row.after.qualified}/${row.after.in_scope}`,
            },
            {
              title: t('settings.preview.status'),
              key: 's',
              render: (_, row) =>
                row.after.meets_target ? (
                  <Tag color="green">{t('settings.preview.becomesMeeting')}</Tag>
                ) : (
                  <Tag color="red">{t('settings.preview.becomesBelow')}</Tag>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
