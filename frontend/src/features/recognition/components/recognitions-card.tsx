import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { api } from '@/lib/api-client';
import { formatDate } from '@/lib/format';

import { useRecognitions } from '../api/records';
import type { Recognition } from '../types';
import { LevelText, StatusTag } from './status-tag';

/** Recognitions issued (the province revokes one with a reason). */
export function RecognitionsCard({ canRevoke }: { canRevoke: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useRecognitions({ page_size: 100 });
  const [target, setTarget] = useState<Recognition | null>(null);
  const [reason, setReason] = useState('');
  const revoke = useMutation({
    mutationFn: ({ id, why }: { id: number; why: string }) =>
      api<Recognition>(`/recognitions/${id}/revoke/`, { method: 'POST', body: { reason: why } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['recognition'] });
      void queryClient.invalidateQueries({ queryKey: ['ratios'] });
      void message.success(t('recognition.revoked'));
      setTarget(null);
      setReason('');
    },
  });
  return (
    <Card title={t('recognition.recognitions')}>
      <Table<Recognition>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.results ?? []}
        scroll={{ x: 640 }}
        pagination={false}
        columns={[
          {
            title: t('recognition.certificateNo'),
            dataIndex: 'certificate_no',
            render: (v: string, r) => <Link to={`/recognition/certificates/${r.id}`}>{v}</Link>,
          },
          { title: t('recognition.teacher'), dataIndex: 'teacher_name' },
          { title: t('recognition.school'), dataIndex: 'school_name' },
          { title: t('recognition.levelLabel'), dataIndex: 'level', render: (v: string) => <LevelText level={v} /> },
          { title: t('recognition.validUntil'), dataIndex: 'valid_until', render: (v: string) => formatDate(v) },
          { title: t('recognition.statusLabel'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
          ...(canRevoke
            ? [
                {
                  title: '',
                  render: (_v: unknown, r: Recognition) =>
                    r.status === 'revoked' ? null : (
                      <Button size="small" danger onClick={() => setTarget(r)}>
                        {t('recognition.revoke')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!target}
        title={t('recognition.revokeTitle', { no: target?.certificate_no ?? '' })}
        onCancel={() => setTarget(null)}
        onOk={() => target && revoke.mutate({ id: target.id, why: reason })}
        okButtonProps={{ disabled: !reason.trim(), danger: true }}
        confirmLoading={revoke.isPending}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}
