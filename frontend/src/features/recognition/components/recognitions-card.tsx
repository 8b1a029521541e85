import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Space, Table, Typography, type TableColumnType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { personSchoolColumns, TwoLineCell } from '@/components/ui/two-line-cell';
import { ErrorState } from '@/components/ui/query-state';
import { api } from '@/lib/api-client';
import { useIsPhone } from '@/lib/breakpoints';
import { errorText } from '@/lib/error-text';
import { formatDate } from '@/lib/format';
import { useTableScroll } from '@/lib/table-scroll';

import { useRecognitions } from '../api/records';
import type { Recognition } from '../types';
import { LevelText, StatusTag } from './status-tag';

type Column = TableColumnType<Recognition>;

/** Recognitions issued (the province revokes one with a reason). */
export function RecognitionsCard({ canRevoke }: { canRevoke: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useRecognitions({ page_size: 100 });
  const [target, setTarget] = useState<Recognition | null>(null);
  const [reason, setReason] = useState('');
  const isPhone = useIsPhone();
  const tableScroll = useTableScroll(640);
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
    onError: (error) => void message.error(errorText(error)),
  });
  const { person: teacher, school } = personSchoolColumns<Recognition>(
    isPhone,
    { person: t('recognition.teacher'), school: t('recognition.school') },
    'recognition-school',
    'teacher_name',
  );
  const certificate: Column = {
    title: t('recognition.certificateNo'),
    dataIndex: 'certificate_no',
    render: (v: string, r) => <Link to={`/recognition/certificates/${r.id}`}>{v}</Link>,
  };
  const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });
  const level: Column = {
    title: t('recognition.levelLabel'),
    dataIndex: 'level',
    onHeaderCell: nowrap,
    onCell: nowrap,
    render: (v: string) => <LevelText level={v} />,
  };
  const validUntil: Column = {
    title: t('recognition.validUntil'),
    dataIndex: 'valid_until',
    render: (v: string) => formatDate(v),
  };
  const status: Column = {
    title: t('recognition.statusLabel'),
    dataIndex: 'status',
    render: (v: string) => <StatusTag status={v} />,
  };
  const revokeColumn: Column[] = canRevoke
    ? [
        {
          title: t('common.actions'),
          key: 'revoke',
          render: (_v: unknown, r) =>
            r.status === 'revoked' ? null : (
              <Button size="small" danger onClick={() => setTarget(r)}>
                {t('recognition.revoke')}
              </Button>
            ),
        },
      ]
    : [];
  // A phone shows whose recognition it is (the school, then the certificate's number and
  // date under the name), its level and whether it stands (under the level), inside the card: as columns the
  // number and the date were cut off at its edge.
  const teacherPhone: Column = {
    ...teacher,
    render: (_v: unknown, r) => (
      <Space orientation="vertical" size={0}>
        <TwoLineCell main={r.teacher_name} sub={r.school_name} subTestId="recognition-school" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="recognition-certificate">
          <Link to={`/recognition/certificates/${r.id}`} style={{ whiteSpace: 'nowrap' }}>
            {r.certificate_no}
          </Link>
          {' · '}
          <span style={{ whiteSpace: 'nowrap' }}>
            {t('common.labelled', { label: t('recognition.validUntil'), value: formatDate(r.valid_until) })}
          </span>
        </Typography.Text>
      </Space>
    ),
  };
  // Whether it stands goes under the level: with the revoke button beside them, four columns
  // ran past a 390-px phone in English.
  const levelPhone: Column = {
    ...level,
    render: (v: string, r) => (
      <Space orientation="vertical" size={2}>
        <LevelText level={v} />
        <StatusTag status={r.status} />
      </Space>
    ),
  };
  const columns = isPhone
    ? [teacherPhone, levelPhone, ...revokeColumn]
    : [certificate, teacher, school, level, validUntil, status, ...revokeColumn];

  return (
    <Card title={t('recognition.recognitions')}>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Recognition>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.results ?? []}
          scroll={isPhone ? undefined : tableScroll}
          pagination={false}
          columns={columns}
        />
      )}
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
