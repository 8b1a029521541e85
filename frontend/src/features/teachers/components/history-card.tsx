import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { AUDIT_WRAP, AuditActionTag, AuditChanges } from '@/components/ui/audit-changes';
import { ItemList } from '@/components/ui/item-list';
import { FoldedCard } from '@/components/ui/folded-card';
import { modelLabel } from '@/lib/audit-text';
import { useIsPhone } from '@/lib/breakpoints';
import { formatDateTimeInChina } from '@/lib/dates';

import { HISTORY_PAGE_SIZE, useTeacherHistory } from '../api/get-teacher-history';
import type { TeacherHistoryEntry } from '../types/teacher';

/**
 * Who changed the teacher and their certificates, periods, completions and recognition, and
 * when (the audit history): folded, fetched when opened. Linked records read by name (the
 * API's changes_display), codes in words, as in the province's audit log.
 */
export function HistoryCard({ teacher }: { teacher: number }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const history = useTeacherHistory(teacher, page, open);
  const exists = (key: string) => i18n.exists(key);
  // A record as the server names it (object_name: a certificate's kind and level, not its
  // logged codes "skill_level:grade4"), in the words of changes_display and the audit log.
  const name = (entry: TeacherHistoryEntry) => entry.object_name || entry.object_repr;
  // The teacher's own entries are named by the page already; a record of theirs by its name.
  const record = (entry: TeacherHistoryEntry) =>
    entry.model === 'teacher' ? modelLabel(t, exists, entry.model) : `${modelLabel(t, exists, entry.model)} · ${name(entry)}`;
  return (
    <FoldedCard
      title={t('teachers.historyTitle')}
      help={t('teachers.historyHelp')}
      testId="teacher-history"
      error={history.isError ? history.error : null}
      onRetry={() => void history.refetch()}
      onOpenChange={setOpen}
    >
      <ItemList<TeacherHistoryEntry>
        size="small"
        loading={history.isFetching}
        items={history.data?.results ?? []}
        rowKey={(entry) => entry.id}
        pagination={{
          current: page,
          pageSize: HISTORY_PAGE_SIZE,
          total: history.data?.count ?? 0,
          onChange: setPage,
          size: isPhone ? 'small' : undefined,
        }}
        renderItem={(entry) => ({
          'data-testid': 'history-entry',
          title: (
            <span style={AUDIT_WRAP}>
              <AuditActionTag action={entry.action} /> {record(entry)}
            </span>
          ),
          description: `${formatDateTimeInChina(entry.timestamp)} · ${entry.actor ?? t('audit.system')}`,
          content: (
            <div style={{ marginTop: 4 }}>
              <AuditChanges entry={entry} />
            </div>
          ),
        })}
      />
    </FoldedCard>
  );
}
