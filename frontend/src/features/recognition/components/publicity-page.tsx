import { App, Alert, Button, Card, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/lib/api-client';
import { errorText } from '@/lib/error-text';
import { formatDate } from '@/lib/format';

import { useApplicationAction, usePublicity } from '../api/applications';
import type { PublicityRow } from '../types';
import { LevelText, StatusTag } from './status-tag';

/** 公示: the applications in publicity (name, school, level); anyone may object. */
export function PublicityPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const list = usePublicity();
  const action = useApplicationAction();
  const [target, setTarget] = useState<PublicityRow | null>(null);
  const [reason, setReason] = useState('');
  const object = async () => {
    if (!target) return;
    try {
      await action.mutateAsync({ id: target.id, action: 'objections', reason });
      void message.success(t('recognition.objectionFiled'));
      setTarget(null);
      setReason('');
    } catch (error) {
      if (error instanceof ApiError) modal.error({ title: t('recognition.refused'), content: errorText(error) });
      else throw error;
    }
  };
  return (
    <Card title={t('recognition.nav.publicity')}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('recognition.publicityHint')} />
      <Table<PublicityRow>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.results ?? []}
        scroll={{ x: 600 }}
        pagination={false}
        columns={[
          // Who, where and what first: a phone shows the first columns, the rest scroll.
          { title: t('recognition.teacher'), dataIndex: 'teacher_name' },
          { title: t('recognition.school'), dataIndex: 'school_name' },
          { title: t('recognition.levelLabel'), dataIndex: 'level', render: (v: string) => <LevelText level={v} /> },
          { title: t('recognition.publicityUntil'), dataIndex: 'publicity_until', render: (v: string | null) => formatDate(v) },
          { title: t('recognition.round'), dataIndex: 'round_code' },
          { title: t('recognition.statusLabel'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
          {
            title: '',
            render: (_v, row) => (
              <Button size="small" onClick={() => setTarget(row)} data-testid={`object-${row.id}`}>
                {t('recognition.object')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!target}
        title={t('recognition.objectTitle', { name: target?.teacher_name ?? '' })}
        onCancel={() => setTarget(null)}
        onOk={() => void object()}
        okButtonProps={{ disabled: !reason.trim() }}
      >
        <Input.TextArea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="objection-reason" />
      </Modal>
    </Card>
  );
}
