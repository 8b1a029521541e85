import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { EmptyState } from '@/components/ui/query-state';
import { formatDate } from '@/lib/format';

import type { Qualification, QualificationReason } from '../types/teacher';
import { QualificationTag } from './qualification-tag';

function raw(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The verdict rule by rule: met or not, the value seen and the threshold. */
export function QualificationCard({ qualification }: { qualification: Qualification | null }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  // Codes in values and thresholds read as labels: teaching titles for TITLE_*, certificate
  // kinds and levels elsewhere; numbers and the rest as they are.
  const show = (code: string) => (value: unknown) => {
    if (typeof value !== 'string' || !/^[a-z_0-9]+$/.test(value)) return raw(value);
    if (code.startsWith('TITLE_')) return label('title', value);
    const kind = t(`enums.certificateKind.${value}`, { defaultValue: '' });
    return kind || label('certificateLevel', value);
  };
  return (
    <Card title={t('teachers.qualification')} size="small">
      {!qualification ? (
        <EmptyState description={t('teachers.noQualification')} />
      ) : (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('teachers.fields.qualification_level')}>
              <QualificationTag qualification={qualification} />
              {qualification.in_scope === false && <Tag>{t('teachers.outOfScope')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('teachers.validUntil', { date: '' }).trim()}>
              {formatDate(qualification.valid_until)}
            </Descriptions.Item>
          </Descriptions>
          <Table<QualificationReason>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={qualification.reasons}
            columns={[
              {
                title: t('teachers.rule'),
                dataIndex: 'code',
                render: (code: string, row) => (
                  <span>
                    {row.met ? (
                      <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={t('teachers.met')} />
                    ) : (
                      <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label={t('teachers.notMet')} />
                    )}{' '}
                    <Typography.Text code>{code}</Typography.Text>
                  </span>
                ),
              },
              {
                title: t('teachers.value'),
                dataIndex: 'value',
                render: (v: unknown, row) => show(row.code)(v),
              },
              {
                title: t('teachers.threshold'),
                dataIndex: 'threshold',
                render: (v: unknown, row) => show(row.code)(v),
              },
              {
                title: '',
                dataIndex: 'message',
                // The engine sends an i18n key (qualification.rule.e_practice) and params.
                render: (message: string, row) =>
                  t(message, { defaultValue: message, ...(row.params ?? {}) }),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('teachers.practiceHelp')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
