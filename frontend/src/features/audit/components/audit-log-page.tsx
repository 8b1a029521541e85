import { Button, Card, Select, Space, Table, Typography } from 'antd';
import type { TableColumnType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { AuditActionTag, AuditChanges as Changes, AUDIT_WRAP as wrap } from '@/components/ui/audit-changes';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { modelLabel } from '@/lib/audit-text';
import { useIsPhone } from '@/lib/breakpoints';
import { formatDateTimeInChina } from '@/lib/dates';

import { useActorOptions } from '../api/get-actor-options';
import { useAuditLog } from '../api/get-audit-log';
import { AUDIT_ACTIONS, AUDIT_MODELS, type AuditAction, type AuditEntry, type AuditParams } from '../types/audit';

type Column = TableColumnType<AuditEntry>;

const PAGE_SIZE = 20;

/** The province's audit log: who did what to which record and when, with the changed fields. */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const exists = (key: string) => i18n.exists(key);
  const [params, setParams] = useState<AuditParams>({ page: 1, page_size: PAGE_SIZE });
  const [from, setFrom] = useState<Dayjs | null>(null);
  const [to, setTo] = useState<Dayjs | null>(null);
  const [actorSearch, setActorSearch] = useState('');
  const log = useAuditLog(params);
  const actors = useActorOptions(actorSearch);
  const update = (changes: Partial<AuditParams>) => setParams((prev) => ({ ...prev, page: 1, ...changes }));

  // China's days, as the entries' times are shown (formatDateTimeInChina), whatever the
  // browser's zone: since the start of `from` up to (not including) the day after `to`.
  const chinaMidnight = (day: Dayjs) => `${day.format('YYYY-MM-DD')}T00:00:00+08:00`;
  const onFrom = (day: Dayjs | null) => {
    setFrom(day);
    update({ since: day ? chinaMidnight(day) : undefined });
  };
  const onTo = (day: Dayjs | null) => {
    setTo(day);
    update({ until: day ? chinaMidnight(day.add(1, 'day')) : undefined });
  };
  const reset = () => {
    setFrom(null);
    setTo(null);
    setActorSearch('');
    setParams({ page: 1, page_size: PAGE_SIZE });
  };

  const actionLabel = (action: string) =>
    exists(`audit.actions.${action}`) ? t(`audit.actions.${action}`) : action;
  const time = (v: string) => formatDateTimeInChina(v, true);
  const who = (row: AuditEntry) => row.actor ?? t('audit.system');
  const record = (row: AuditEntry) => (
    <span data-testid="audit-record" style={wrap}>
      <Typography.Text type="secondary">{modelLabel(t, exists, row.model)}</Typography.Text>{' '}
      {/* The server's words (a certificate's kind and level, not its logged codes). */}
      {row.object_name || row.object_repr || (row.object_id !== null ? `#${row.object_id}` : '—')}
    </span>
  );
  const actionTag = (row: AuditEntry) => <AuditActionTag action={row.action} />;

  const desktop: Column[] = [
    { title: t('audit.time'), dataIndex: 'timestamp', width: 170, render: (v: string) => time(v) },
    {
      title: t('audit.who'),
      key: 'who',
      width: 150,
      render: (_, row) => (
        <TwoLineCell main={<span data-testid="audit-who">{who(row)}</span>} sub={row.remote_addr || undefined} />
      ),
    },
    { title: t('audit.action'), key: 'action', width: 90, render: (_, row) => actionTag(row) },
    { title: t('audit.record'), key: 'record', width: 240, render: (_, row) => record(row) },
    { title: t('audit.changes'), key: 'changes', render: (_, row) => <Changes entry={row} /> },
  ];
  // A phone: one column, the entry as a small card (time and who, then what, then the changes),
  // so nothing runs past the screen's edge.
  const phone: Column[] = [
    {
      title: t('audit.title'),
      key: 'entry',
      render: (_, row) => (
        <div data-testid="audit-entry" style={wrap}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {time(row.timestamp)} · <span data-testid="audit-who">{who(row)}</span>
          </Typography.Text>
          <div style={{ margin: '4px 0' }}>
            {actionTag(row)} {record(row)}
          </div>
          <Changes entry={row} />
        </div>
      ),
    },
  ];

  const filterWidth = (w: number) => (isPhone ? { width: '100%' } : { width: w });
  // A calendar is about as wide as a phone: shifted left, not cut off at the screen's edge.
  const popupAlign = isPhone ? { overflow: { adjustX: 1, adjustY: 1, shiftX: true } } : undefined;

  return (
    <Card title={t('audit.title')}>
      <Space wrap style={{ marginBottom: 16, width: isPhone ? '100%' : undefined }} orientation={isPhone ? 'vertical' : 'horizontal'}>
        <Space.Compact style={filterWidth(300)}>
          <DateField
            aria-label={t('audit.from')}
            placeholder={t('audit.from')}
            value={from}
            onChange={onFrom}
            disabledDate={(d) => (to ? d.isAfter(to, 'day') : false)}
            style={{ width: '50%' }}
            popupAlign={popupAlign}
          />
          <DateField
            aria-label={t('audit.to')}
            placeholder={t('audit.to')}
            value={to}
            onChange={onTo}
            disabledDate={(d) => (from ? d.isBefore(from, 'day') : false)}
            style={{ width: '50%' }}
            popupAlign={popupAlign}
          />
        </Space.Compact>
        <Select
          allowClear
          showSearch={{ filterOption: false, onSearch: setActorSearch }}
          aria-label={t('audit.who')}
          placeholder={t('audit.who')}
          style={filterWidth(180)}
          value={params.actor}
          onChange={(actor?: string) => update({ actor })}
          notFoundContent={actors.isFetching ? t('common.loading') : t('common.empty')}
          options={actors.data?.results.map((u) => {
            const name = `${u.first_name ?? ''}${u.last_name ?? ''}`;
            return { value: u.username, label: name ? `${u.username}（${name}）` : u.username };
          })}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('audit.recordType')}
          placeholder={t('audit.recordType')}
          style={filterWidth(180)}
          value={params.model}
          onChange={(model?: string) => update({ model })}
          options={AUDIT_MODELS.map((m) => ({ value: m, label: modelLabel(t, exists, m) }))}
        />
        <Select
          allowClear
          aria-label={t('audit.action')}
          placeholder={t('audit.action')}
          style={filterWidth(120)}
          value={params.action}
          onChange={(action?: AuditAction) => update({ action })}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
        />
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Space>
      {log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={log.isFetching}
          dataSource={log.data?.results}
          columns={isPhone ? phone : desktop}
          showHeader={!isPhone}
          tableLayout="fixed"
          locale={{ emptyText: <EmptyState /> }}
          onChange={(pagination) => setParams((prev) => ({ ...prev, page: pagination.current }))}
          pagination={{
            current: params.page,
            pageSize: PAGE_SIZE,
            total: log.data?.count ?? 0,
            showSizeChanger: false,
            simple: isPhone,
            showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
          }}
        />
      )}
    </Card>
  );
}
