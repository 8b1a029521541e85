import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { todayInChinaText } from '@/lib/dates';
import { formatDate } from '@/lib/format';

import type { TrainingBase } from '../types/training';

type Change = TrainingBase['status_history'][number];

const statusColor: Record<string, string> = { planned: 'default', active: 'green', suspended: 'orange' };

/** The status in force on `today`: the last change that took effect on or before it. */
export function currentChange(history: readonly Change[], today: string): Change | undefined {
  return [...history].filter((c) => c.effective_on <= today).sort((a, b) => a.effective_on.localeCompare(b.effective_on)).at(-1);
}

/**
 * A base's dated status (DESIGN §3): each status from the day it took effect, oldest first,
 * the one in force today marked. Training evidence reads the status in force on each
 * completion's date, so this says which completions count.
 */
export function BaseStatusHistory({ base }: { base: TrainingBase }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  // Older answers (and a base read elsewhere) may carry no history: an empty list, not a crash.
  const history = [...(base.status_history ?? [])].sort((a, b) => a.effective_on.localeCompare(b.effective_on));
  const current = currentChange(history, todayInChinaText());
  const withReasons = history.some((c) => c.reason);
  return (
    <div data-testid={`base-history-${base.id}`}>
      <Typography.Text strong>{t('baseHistory.title')}</Typography.Text>
      <Table<Change>
        size="small"
        style={{ marginTop: 8, maxWidth: 560 }}
        rowKey="effective_on"
        pagination={false}
        dataSource={history}
        locale={{ emptyText: t('baseHistory.empty') }}
        columns={[
          {
            title: t('baseHistory.effectiveOn'),
            dataIndex: 'effective_on',
            width: 120,
            render: (day: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(day)}</span>,
          },
          {
            title: t('baseHistory.status'),
            dataIndex: 'status',
            render: (status: string, change) => (
              <>
                <Tag color={statusColor[status]}>{label('baseStatus', status)}</Tag>
                {change === current && <Typography.Text type="secondary">{t('baseHistory.current')}</Typography.Text>}
              </>
            ),
          },
          ...(withReasons
            ? [{ title: t('baseHistory.reason'), dataIndex: 'reason', render: (reason: string) => reason || '—' }]
            : []),
        ]}
      />
    </div>
  );
}
