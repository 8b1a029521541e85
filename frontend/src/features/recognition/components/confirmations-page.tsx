import { FileTextOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { ItemList } from '@/components/ui/item-list';
import { ErrorState } from '@/components/ui/query-state';
import { errorText } from '@/lib/error-text';
import { formatDate } from '@/lib/format';

import { evidenceDownloadUrl, useDecideRecord, usePendingRecords } from '../api/records';
import type { PendingRecord } from '../types';
import { BulkAccountsCard } from './bulk-accounts';

/** HR's "to confirm" queue: what teachers proposed, with the evidence file beside it. */
export function ConfirmationsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const label = useEnumLabel();
  // Worded in the reader's language from the codes (the server's summary is one language).
  const describe = (row: PendingRecord) =>
    (row.type === 'certificate'
      ? [label('certificateKind', row.kind), label('certificateLevel', row.level), row.name, row.detail]
      : [label('periodKind', row.kind), row.name, row.detail]
    )
      .filter(Boolean)
      .join(' · ');
  const queue = usePendingRecords();
  const decide = useDecideRecord();
  const [rejecting, setRejecting] = useState<PendingRecord | null>(null);
  const [reason, setReason] = useState('');
  const refused = (error: unknown) => modal.error({ title: t('recognition.refused'), content: errorText(error) });
  const confirm = async (row: PendingRecord) => {
    try {
      await decide.mutateAsync({ type: row.type, id: row.id });
    } catch (error) {
      refused(error);
      return;
    }
    void message.success(t('recognition.confirmed'));
  };
  const reject = async () => {
    if (!rejecting) return;
    try {
      await decide.mutateAsync({ type: rejecting.type, id: rejecting.id, reason });
    } catch (error) {
      refused(error);
      return;
    }
    setRejecting(null);
    setReason('');
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card title={t('recognition.confirmations')}>
        {queue.isError ? (
          <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
        ) : (
          <ItemList
            loading={queue.isFetching}
            items={queue.data ?? []}
            rowKey={(row) => `${row.type}-${row.id}`}
            emptyText={<Empty description={t('recognition.nothingToConfirm')} />}
            renderItem={(row) => ({
              'data-testid': `pending-${row.type}-${row.id}`,
              actions: [
                <Button key="ok" type="primary" size="small" onClick={() => void confirm(row)} data-testid="confirm">
                  {t('recognition.confirm')}
                </Button>,
                <Button key="no" danger size="small" onClick={() => setRejecting(row)}>
                  {t('recognition.reject')}
                </Button>,
              ],
              title: (
                <Space>
                  <Tag>{t(`recognition.recordType.${row.type}`)}</Tag>
                  {row.teacher_name}
                </Space>
              ),
              description: (
                <>
                  <div>{describe(row)} · {formatDate(row.date)}</div>
                  {row.evidence.map((f) => (
                    <a key={f.id} href={evidenceDownloadUrl(f.id)} target="_blank" rel="noreferrer" style={{ marginRight: 12 }}>
                      <FileTextOutlined /> {f.filename}
                    </a>
                  ))}
                </>
              ),
            })}
          />
        )}
        <Modal open={!!rejecting} title={t('recognition.rejectWhy')} onCancel={() => setRejecting(null)} onOk={() => void reject()} okButtonProps={{ disabled: !reason.trim() }}>
          <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Modal>
      </Card>
      <BulkAccountsCard />
    </Space>
  );
}
