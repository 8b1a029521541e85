import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { ActionCard } from '@/components/ui/action-card';
import { ErrorState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { formatDate, formatPercent } from '@/lib/format';

import { dutyExportUrl, useDutySummary, usePracticeDuty } from '../api/get-practice-duty';
import type { DutyRow, DutySummaryRow } from '../types/duty';

const PAGE_SIZE = 20;

/** Enterprise practice duty: 6 months in every 5 years for every professional or practical
 * teacher. The province and cities see a summary per school; everyone sees the teachers. */
export function DutyPage({ perSchool }: { perSchool: boolean }) {
  const [school, setSchool] = useState<number | undefined>();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {perSchool && <SummaryCard selected={school} onSelect={setSchool} />}
      <TeachersCard school={school} showSchool={perSchool} />
    </Space>
  );
}

function SummaryCard({ selected, onSelect }: { selected?: number; onSelect: (id?: number) => void }) {
  const { t } = useTranslation();
  const summary = useDutySummary({});
  return (
    <Card title={t('duty.summary')}>
      {summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <Table<DutySummaryRow>
          rowKey={(row) => row.school.id}
          size="small"
          loading={summary.isPending}
          dataSource={summary.data ?? []}
          scroll={{ x: 480 }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          rowClassName={(row) => (row.school.id === selected ? 'ant-table-row-selected' : '')}
          onRow={(row) => ({
            onClick: () => onSelect(row.school.id === selected ? undefined : row.school.id),
            style: { cursor: 'pointer' },
          })}
          columns={[
            { title: t('duty.school'), key: 'school', render: (_, row) => row.school.name },
            { title: t('duty.teachers'), dataIndex: 'teachers', align: 'right' },
            { title: t('duty.short'), dataIndex: 'short', align: 'right', sorter: (a, b) => a.short - b.short },
            {
              title: t('duty.shareShort'),
              key: 'share',
              defaultSortOrder: 'descend',
              sorter: (a, b) => (a.share_short ?? -1) - (b.share_short ?? -1),
              render: (_, row) => formatPercent(row.share_short),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** The teachers and their practice; the school column only for those who see several schools
 * (school HR's own school on every row pushed the days off a phone's screen). */
function TeachersCard({ school, showSchool }: { school?: number; showSchool: boolean }) {
  const { t } = useTranslation();
  const [short, setShort] = useState(true);
  const [page, setPage] = useState(1);
  const params = { school, short: short || undefined, page, page_size: PAGE_SIZE };
  const duty = usePracticeDuty(params);
  return (
    <ActionCard
      title={t('duty.title')}
      toolbar={
        <Space wrap>
          <Space size={6}>
            <Switch size="small" checked={short} onChange={(v) => { setShort(v); setPage(1); }} data-testid="duty-short" />
            <Typography.Text>{t('duty.onlyShort')}</Typography.Text>
          </Space>
          <Button icon={<DownloadOutlined />} href={dutyExportUrl({ school, short: short || undefined })}>
            {t('duty.export')}
          </Button>
        </Space>
      }
    >
      {duty.isError ? (
        <ErrorState error={duty.error} onRetry={() => void duty.refetch()} />
      ) : (
        <Table<DutyRow>
          rowKey={(row) => row.teacher.id}
          size="small"
          loading={duty.isPending}
          dataSource={duty.data?.results ?? []}
          scroll={{ x: showSchool ? 880 : 680 }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: duty.data?.count, onChange: setPage, hideOnSinglePage: true }}
          columns={[
            {
              title: t('duty.teacher'),
              key: 'teacher',
              render: (_, row) => <Link to={paths.teacher(row.teacher.id)}>{row.teacher.name}</Link>,
            },
            ...(showSchool
              ? [{ title: t('duty.school'), key: 'school', render: (_: unknown, row: DutyRow) => row.teacher.school.name }]
              : []),
            {
              title: t('duty.days'),
              key: 'days',
              render: (_, row) => (
                <Space>
                  <Progress
                    percent={Math.min(100, Math.round((row.days_in_window / row.required) * 100))}
                    size="small"
                    style={{ width: 100 }}
                    showInfo={false}
                    status={row.short_by > 0 ? 'exception' : 'success'}
                  />
                  <span>{`${row.days_in_window} / ${row.required}`}</span>
                </Space>
              ),
            },
            {
              title: t('duty.shortBy'),
              key: 'short_by',
              render: (_, row) => (row.short_by > 0 ? <Tag color="red">{row.short_by}</Tag> : <Tag color="green">0</Tag>),
            },
            {
              title: t('duty.window'),
              key: 'window',
              render: (_, row) => `${formatDate(row.window_start)} – ${formatDate(row.window_end)}`,
            },
            { title: t('duty.lapsesOn'), key: 'lapses_on', render: (_, row) => formatDate(row.lapses_on) },
          ]}
        />
      )}
    </ActionCard>
  );
}
