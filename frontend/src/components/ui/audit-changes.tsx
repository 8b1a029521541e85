import { Button, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { fieldLabel, jsonText, valueText, valueWords } from '@/lib/audit-text';
import type { components } from '@/types/api';

/** What an audit entry's changes are read from: the province's log (AuditLogEntry) and a
 * teacher's history (LogEntry) alike. */
export type ChangedEntry = Pick<components['schemas']['LogEntry'], 'model' | 'action' | 'changes' | 'changes_display' | 'additional_data'>;

/** Changes shown before "show n more": a creation lists every field of the record. */
const SHOWN = 4;

const ACTION_COLORS: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', access: 'orange' };

/** What was done (created, updated…) as a coloured tag. */
export function AuditActionTag({ action }: { action: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Tag color={ACTION_COLORS[action]} data-testid="audit-action" style={{ marginInlineEnd: 0 }}>
      {i18n.exists(`audit.actions.${action}`) ? t(`audit.actions.${action}`) : action}
    </Tag>
  );
}

export const AUDIT_WRAP = { overflowWrap: 'anywhere' as const, wordBreak: 'break-word' as const };

/** The entry's changes, one line a field: "label: before → after". */
export function AuditChanges({ entry }: { entry: ChangedEntry }) {
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
        title={<div style={{ whiteSpace: 'pre-wrap', maxHeight: 320, overflow: 'auto', ...AUDIT_WRAP }}>{full}</div>}
      >
        {node}
      </Tooltip>
    ) : (
      node
    );
  };
  return (
    <div data-testid="audit-changes" style={AUDIT_WRAP}>
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

/** What an access entry read and why (additional_data: {revealed, reason}; masked by the API),
 * and an account's password reset (additional_data: {event: 'password_reset'}). */
function accessText(entry: ChangedEntry, t: TFunction, exists: (key: string) => boolean): string[] {
  const data = entry.additional_data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  const lines: string[] = [];
  const { revealed, reason, event } = data as Record<string, unknown>;
  if (event === 'password_reset') lines.push(t('audit.passwordReset'));
  if (typeof revealed === 'string') lines.push(t('audit.revealed', { field: fieldLabel(t, exists, entry.model, revealed) }));
  if (typeof reason === 'string' && reason) lines.push(t('audit.reason', { reason }));
  return lines;
}
