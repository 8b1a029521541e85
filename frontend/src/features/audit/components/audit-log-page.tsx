import { Button, Card, DatePicker, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { useIsPhone } from '@/lib/breakpoints';

import { useActorOptions } from '../api/get-actor-options';
import { useAuditLog } from '../api/get-audit-log';
import { AUDIT_ACTIONS, AUDIT_MODELS, type AuditAction, type AuditEntry, type AuditParams } from '../types/audit';
import { fieldLabel, jsonText, modelLabel, valueText, valueWords } from './audit-text';

type Column = TableColumnType<AuditEntry>;

const PAGE_SIZE = 20;
/** Changes shown before "show n more": a creation lists every field of the record. */
const SHOWN = 4;

const ACTION_COLORS: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', access: 'orange' };

const wrap = { overflowWrap: 'anywhere' as const, wordBreak: 'break-word' as const };

/** The entry's changes, one line a field: "label: before → after". */
function Changes({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const exists = (key: string) => i18n.exists(key);
  // Fields that were empty and stay empty (auditlog lists a new record's empty relations) say nothing.
  const rows = Object.entries(entry.changes ?? {}).filter(
    ([, pair]) => !(Array.isArray(pair) ? pair : [pair]).every((v) => valueText(t, v).text === '—'),
  );
  const extra = accessText(entry, t, exists);
  if (!rows.length && !extra.length) return <Typography.Text type="secondary">—</Typography.Text>;
  const shown = open ? rows : rows.slice(0, SHOWN);
  const value = (field: string, v: unknown, side: 'old' | 'new', testId: string) => {
    // A related record by name, a JSON value in short words (the API's changes_display);
    // the whole JSON value stays one hover or tap away.
    const display = entry.changes_display?.[field];
    const { text, full } = display
      ? { text: display[side] ?? '—', full: jsonText(v) }
      : valueText(t, v, valueWords(entry.model, field));
    const node = <span data-testid={testId}>{text}</span>;
    return full ? (
      <Tooltip
        styles={{ root: { maxWidth: 'min(480px, 90vw)' } }}
        title={<div style={{ whiteSpace: 'pre-wrap', maxHeight: 320, overflow: 'auto', ...wrap }}>{full}</div>}
      >
        {node}
      </Tooltip>
    ) : (
      node
    );
  };
  return (
    <div data-testid="audit-changes" style={wrap}>
      {extra.map((line) => (
        <div key={line}>{line}</div>
      ))}
      {shown.map(([field, pair]) => {
        const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
        return (
          <div key={field} data-testid="audit-change">
            <Typography.Text type="secondary">{t('audit.field', { field: fieldLabel(t, exists, entry.model, field) })}</Typography.Text>
            {entry.action === 'create' ? null : (
              <>
                {value(field, before, 'old', 'audit-before')}
                {' → '}
              </>
            )}
            {value(field, after, 'new', 'audit-after')}
          </div>
        );
      })}
      {rows.length > SHOWN && (
        <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => setOpen(!open)}>
          {open ? t('audit.less') : t('audit.more', { count: rows.length - SHOWN })}
        </Button>
      )}
    </div>
  );
}

/** What an access entry read and why (additional_data: {revealed, reason}; masked by the API). */
function accessText(entry: AuditEntry, t: TFunction, exists: (key: string) => boolean): string[] {
  const data = entry.additional_data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  const lines: string[] = [];
  const { revealed, reason } = data as Record<string, unknown>;
  if (typeof revealed === 'string') lines.push(t('audit.revealed', { field: fieldLabel(t, exists, entry.model, revealed) }));
  if (typeof reason === 'string' && reason) lines.push(t('audit.reason', { reason }));
  return lines;
}

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

  // Days in the screen's time zone: since the start of `from` up to (not including) the day after `to`.
  const onFrom = (day: Dayjs | null) => {
    setFrom(day);
    update({ since: day ? day.startOf('day').format() : undefined });
  };
  const onTo = (day: Dayjs | null) => {
    setTo(day);
    update({ until: day ? day.add(1, 'day').startOf('day').format() : undefined });
  };
  const reset = () => {
    setFrom(null);
    setTo(null);
    setActorSearch('');
    setParams({ page: 1, page_size: PAGE_SIZE });
  };

  const actionLabel = (action: string) =>
    exists(`audit.actions.${action}`) ? t(`audit.actions.${action}`) : action;
  const time = (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss');
  const who = (row: AuditEntry) => row.actor ?? t('audit.system');
  const record = (row: AuditEntry) => (
    <span data-testid="audit-record" style={wrap}>
      <Typography.Text type="secondary">{modelLabel(t, exists, row.model)}</Typography.Text>{' '}
      {row.object_repr || (row.object_id !== null ? `#${row.object_id}` : '—')}
    </span>
  );
  const actionTag = (row: AuditEntry) => (
    <Tag color={ACTION_COLORS[row.action]} data-testid="audit-action" style={{ marginInlineEnd: 0 }}>
      {actionLabel(row.action)}
    </Tag>
  );

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
          <DatePicker
            aria-label={t('audit.from')}
            placeholder={t('audit.from')}
            value={from}
            onChange={onFrom}
            disabledDate={(d) => (to ? d.isAfter(to, 'day') : false)}
            style={{ width: '50%' }}
            popupAlign={popupAlign}
          />
          <DatePicker
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
