import { Button, Card, Select, Space, Table, Typography } from 'antd';
import type { TableColumnType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { AuditActionTag, AuditChanges as Changes, AUDIT_WRAP as wrap } from '@/components/ui/audit-changes';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { modelLabel } from '@/lib/audit-text';
import { useIsPhone } from '@/lib/breakpoints';
import { formatDateTimeInChina } from '@/lib/dates';
import { oneOf, useListParams } from '@/lib/list-params';

import { useActorOptions } from '../api/get-actor-options';
import { useAuditLog } from '../api/get-audit-log';
import { AUDIT_ACTIONS, AUDIT_MODELS, type AuditAction, type AuditEntry, type AuditParams } from '../types/audit';

type Column = TableColumnType<AuditEntry>;

const PAGE_SIZE = 20;
/** The filters kept in the address (`?model=teacher&action=update&since=…&until=…&page=2`). */
const LIST_KEYS = ['model', 'action', 'actor', 'since', 'until'] as const;

// China's days, as the entries' times are shown (formatDateTimeInChina), whatever the
// browser's zone: since the start of `from` up to (not including) the day after `to`.
const chinaMidnight = (day: Dayjs) => `${day.format('YYYY-MM-DD')}T00:00:00+08:00`;

/** The day of a China midnight from the address (`2026-12-01T00:00:00+08:00`), else null: any
 * other moment would be a 400. A `+` typed in a link reads as a space: taken as the `+`. */
function dayOfMidnight(value: string | undefined): Dayjs | null {
  const day = /^(\d{4}-\d{2}-\d{2})T00:00:00[+ ]08:00$/.exec(value ?? '')?.[1];
  return day && dayjs(day).format('YYYY-MM-DD') === day ? dayjs(day) : null;
}

/** The province's audit log: who did what to which record and when, with the changed fields. */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const exists = (key: string) => i18n.exists(key);
  const list = useListParams(LIST_KEYS);
  const { values } = list;
  // The date fields show the address's days: `until` is the day after the last one.
  const from = useMemo(() => dayOfMidnight(values.since), [values.since]);
  const until = useMemo(() => dayOfMidnight(values.until), [values.until]);
  const to = useMemo(() => until?.subtract(1, 'day') ?? null, [until]);
  // Only what the API takes: an unknown action or moment from a hand-edited link is left out.
  const params: AuditParams = {
    page: list.page,
    page_size: PAGE_SIZE,
    action: oneOf(values.action, AUDIT_ACTIONS),
    model: oneOf(values.model, AUDIT_MODELS),
    actor: values.actor,
    since: from ? chinaMidnight(from) : undefined,
    until: until ? chinaMidnight(until) : undefined,
  };
  const filtered = Boolean(params.action || params.model || params.actor || params.since || params.until);
  const [actorSearch, setActorSearch] = useState('');
  const log = useAuditLog(params);
  const actors = useActorOptions(actorSearch);

  const onFrom = (day: Dayjs | null) => list.set({ since: day ? chinaMidnight(day) : undefined });
  const onTo = (day: Dayjs | null) => list.set({ until: day ? chinaMidnight(day.add(1, 'day')) : undefined });
  const reset = () => {
    setActorSearch('');
    list.reset();
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
          onChange={(actor?: string) => list.set({ actor })}
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
          onChange={(model?: string) => list.set({ model })}
          options={AUDIT_MODELS.map((m) => ({ value: m, label: modelLabel(t, exists, m) }))}
        />
        <Select
          allowClear
          aria-label={t('audit.action')}
          placeholder={t('audit.action')}
          style={filterWidth(120)}
          value={params.action}
          onChange={(action?: AuditAction) => list.set({ action })}
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
          locale={{ emptyText: <EmptyState description={filtered ? t('common.noMatch') : undefined} /> }}
          onChange={(pagination) => list.setPage(pagination.current ?? 1)}
          pagination={{
            current: list.page,
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
