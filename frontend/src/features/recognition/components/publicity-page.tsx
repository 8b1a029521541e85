import { App, Alert, Button, Card, Input, Modal, Space, Table, type TableColumnType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorState } from '@/components/ui/query-state';
import { personSchoolColumns, TwoLineCell } from '@/components/ui/two-line-cell';
import { ApiError } from '@/lib/api-client';
import { useIsPhone } from '@/lib/breakpoints';
import { errorText } from '@/lib/error-text';
import { formatDate } from '@/lib/format';
import { useTableScroll } from '@/lib/table-scroll';

import { useApplicationAction, usePublicity } from '../api/applications';
import type { PublicityRow } from '../types';
import { ApplicationStatusTag, LevelText } from './status-tag';

type Column = TableColumnType<PublicityRow>;

/** 公示: the applications in publicity (name, school, level); anyone may object. */
export function PublicityPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isPhone = useIsPhone();
  const tableScroll = useTableScroll(600);
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
  // Who, where, what and until when first. On a phone each row fits the screen: the school
  // under the name, the last day to object under the level, the button to object under the
  // status (a reader should not have to scroll sideways to find it); the round is left out.
  const { person, school } = personSchoolColumns<PublicityRow>(
    isPhone,
    { person: t('recognition.teacher'), school: t('recognition.school') },
    'publicity-school',
    'teacher_name',
  );
  const objectButton = (row: PublicityRow) => (
    <Button size="small" onClick={() => setTarget(row)} data-testid={`object-${row.id}`}>
      {t('recognition.object')}
    </Button>
  );
  const columns: Column[] = isPhone
    ? [
        person,
        {
          title: t('recognition.levelLabel'),
          key: 'level',
          render: (_v, row) => (
            <TwoLineCell
              main={<LevelText level={row.level} />}
              sub={
                <span style={{ whiteSpace: 'nowrap' }}>
                  {t('recognition.publicityUntilShort', { date: formatDate(row.publicity_until) })}
                </span>
              }
              subTestId="publicity-until"
            />
          ),
        },
        {
          title: t('recognition.statusLabel'),
          key: 'status',
          render: (_v, row) => (
            <Space orientation="vertical" size={4}>
              <ApplicationStatusTag application={row} />
              {objectButton(row)}
            </Space>
          ),
        },
      ]
    : [
        person,
        school,
        { title: t('recognition.levelLabel'), dataIndex: 'level', render: (v: string) => <LevelText level={v} /> },
        {
          title: t('recognition.publicityUntil'),
          dataIndex: 'publicity_until',
          render: (v: string | null) => formatDate(v),
        },
        { title: t('recognition.round'), dataIndex: 'round_code' },
        { title: t('recognition.statusLabel'), dataIndex: 'status', render: (_v, row) => <ApplicationStatusTag application={row} /> },
        { title: '', key: 'object', render: (_v, row) => objectButton(row) },
      ];
  return (
    <Card title={t('recognition.nav.publicity')}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('recognition.publicityHint')} />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<PublicityRow>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.results ?? []}
          // On a phone the three columns share the card's width (a long school name wraps).
          scroll={isPhone ? undefined : tableScroll}
          pagination={false}
          columns={columns}
        />
      )}
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
