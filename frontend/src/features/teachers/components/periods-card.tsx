import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, type TableColumnType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { EnumSelect, useEnumLabel } from '@/components/ui/enum-label';
import { ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { useIsPhone } from '@/lib/breakpoints';
import { errorText } from '@/lib/error-text';
import { datesToDayjs } from '@/lib/dates';
import { formatDate } from '@/lib/format';

import { useDeleteEnterprisePeriod } from '../api/delete-enterprise-period';
import { useEnterprisePeriods } from '../api/get-enterprise-periods';
import { useSaveEnterprisePeriod } from '../api/save-enterprise-period';
import type { EnterprisePeriod } from '../types/teacher';
import { RecordStatus } from './record-status';
import { useRecordSave } from './use-record-save';
import { useRowActionsColumns } from '@/components/ui/row-actions';
import { useTableScroll } from '@/lib/table-scroll';

const dateFields = ['start_on', 'end_on'];

function PeriodModal({
  teacher,
  period,
  onClose,
}: {
  teacher: number;
  period: EnterprisePeriod | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveEnterprisePeriod();
  const { form, otherErrors, onOk, onValuesChange } = useRecordSave<EnterprisePeriod>({ teacher, record: period, dateFields, save, onClose });

  return (
    <Modal
      open
      title={period ? t('periods.edit') : t('periods.add')}
      onCancel={onClose}
      onOk={() => void onOk()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={period ? datesToDayjs(period, dateFields) : { kind: 'practice' }}
        onValuesChange={onValuesChange}
      >
        {otherErrors.length > 0 && <Alert type="error" title={otherErrors.join(' ')} />}
        <Form.Item name="kind" label={t('periods.fields.kind')} rules={[{ required: true }]}>
          <EnumSelect group="periodKind" />
        </Form.Item>
        <Form.Item name="enterprise" label={t('periods.fields.enterprise')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="credit_code" label={t('periods.fields.credit_code')}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="position" label={t('periods.fields.position')}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name="start_on" label={t('periods.fields.start_on')} rules={[{ required: true }]}>
            <DateField />
          </Form.Item>
          <Form.Item name="end_on" label={t('periods.fields.end_on')}>
            <DateField />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

type Column = TableColumnType<EnterprisePeriod>;

export function PeriodsCard({ teacher, editable }: { teacher: number; editable: boolean }) {
  const { t } = useTranslation();
  const tableScroll = useTableScroll(700);
  const isPhone = useIsPhone();
  const label = useEnumLabel();
  const periods = useEnterprisePeriods(teacher);
  const remove = useDeleteEnterprisePeriod();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<EnterprisePeriod | null | undefined>(undefined);

  const kind: Column = {
    title: t('periods.fields.kind'),
    dataIndex: 'kind',
    render: (v: string) => label('periodKind', v),
  };
  const position: Column = { title: t('periods.fields.position'), dataIndex: 'position' };
  // On a phone the kind and post go under the enterprise, so that where and how many days
  // counted fit the first screen.
  const enterprise: Column = isPhone
    ? {
        title: t('periods.fields.enterprise'),
        dataIndex: 'enterprise',
        render: (v: string, row) => (
          <TwoLineCell
            main={v}
            sub={[label('periodKind', row.kind), row.position].filter(Boolean).join(' · ')}
            subTestId="period-kind"
          />
        ),
      }
    : { title: t('periods.fields.enterprise'), dataIndex: 'enterprise' };
  // A proposed or rejected period says so under the enterprise: it does not count.
  const enterpriseRender = enterprise.render;
  enterprise.render = (v, row, i) => (
    <>
      {enterpriseRender ? enterpriseRender(v, row, i) : v}
      <RecordStatus status={row.status} reason={row.reject_reason} editable={editable} />
    </>
  );
  const dates: Column[] = [
    { title: t('periods.fields.start_on'), dataIndex: 'start_on', render: formatDate },
    {
      title: t('periods.fields.end_on'),
      dataIndex: 'end_on',
      render: (v: string | null) => (v ? formatDate(v) : t('common.ongoing')),
    },
  ];
  const days: Column = { title: t('periods.fields.days'), dataIndex: 'days' };
  const actions = useRowActionsColumns<EnterprisePeriod>(editable, (row) => ({
    onEdit: () => setEditing(row),
    onDelete: () =>
      remove.mutate({ id: row.id, teacher }, { onError: (error) => void message.error(errorText(error)) }),
  }));
  const columns: Column[] = isPhone
    ? [enterprise, days, ...dates, ...actions]
    : [kind, enterprise, position, ...dates, days, ...actions];

  return (
    <Card
      size="small"
      title={t('teachers.periods')}
      extra={
        editable && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('periods.add')}
          </Button>
        )
      }
    >
      {periods.isError ? (
        <ErrorState error={periods.error} onRetry={() => void periods.refetch()} />
      ) : (
        <Table<EnterprisePeriod>
          size="small"
          rowKey="id"
          loading={periods.isPending}
          pagination={false}
          dataSource={periods.data?.results}
          scroll={tableScroll}
          columns={columns}
        />
      )}
      {editing !== undefined && (
        <PeriodModal teacher={teacher} period={editing} onClose={() => setEditing(undefined)} />
      )}
    </Card>
  );
}
