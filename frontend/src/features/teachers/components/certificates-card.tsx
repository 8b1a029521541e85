import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';

import { DateField } from '@/components/ui/date-field';
import { EnumSelect, useEnumLabel } from '@/components/ui/enum-label';
import { ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { certificateLevels } from '@/config/enums';
import { useIsPhone } from '@/lib/breakpoints';
import { errorText } from '@/lib/error-text';
import { datesToDayjs } from '@/lib/dates';
import { daysUntil, EXPIRY_WARNING_DAYS, formatDate } from '@/lib/format';

import { useDeleteCertificate } from '../api/delete-certificate';
import { useCertificates } from '../api/get-certificates';
import { useSaveCertificate } from '../api/save-certificate';
import type { Certificate } from '../types/teacher';
import { fieldCategoryLabel, fieldCategoryOptions } from './field-categories';
import { RecordStatus } from './record-status';
import { useRecordSave } from './use-record-save';
import { useRowActionsColumns } from '@/components/ui/row-actions';
import { useTableScroll } from '@/lib/table-scroll';

const dateFields = ['issued_on', 'expires_on'];
// Dates and "46 装备制造" stay on one line: on a phone the table scrolls sideways instead of
// breaking them at a hyphen or mid-name (the table is wider since the field category column).
const oneLine = () => ({ style: { whiteSpace: 'nowrap' as const } });

function ExpiryCell({ value }: { value: string | null }) {
  const { t } = useTranslation();
  if (!value) return <span>{t('common.noExpiry')}</span>;
  const days = daysUntil(value) ?? 0;
  return (
    <Space size={4}>
      {formatDate(value)}
      {days < 0 ? (
        <Tag color="red">{t('teachers.expired')}</Tag>
      ) : days <= EXPIRY_WARNING_DAYS ? (
        <Tag color="orange">{t('teachers.expiringSoon', { count: days })}</Tag>
      ) : null}
    </Space>
  );
}

function CertificateModal({
  teacher,
  certificate,
  onClose,
}: {
  teacher: number;
  certificate: Certificate | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const save = useSaveCertificate();
  const { form, otherErrors, onOk, onValuesChange } = useRecordSave<Certificate>({ teacher, record: certificate, dateFields, save, onClose });
  const kind = Form.useWatch('kind', form) as string | undefined;

  return (
    <Modal
      open
      title={certificate ? t('certificates.edit') : t('certificates.add')}
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
        initialValues={certificate ? datesToDayjs(certificate, dateFields) : { kind: 'teacher_qualification' }}
        onValuesChange={(changed: Record<string, unknown>) => {
          onValuesChange(changed);
          if (changed.kind) form.setFieldsValue({ level: undefined });
        }}
      >
        {otherErrors.length > 0 && <Alert type="error" title={otherErrors.join(' ')} />}
        <Form.Item name="kind" label={t('certificates.fields.kind')} rules={[{ required: true }]}>
          <EnumSelect group="certificateKind" />
        </Form.Item>
        <Form.Item name="level" label={t('certificates.fields.level')} rules={[{ required: true }]}>
          <Select
            options={(certificateLevels[kind ?? ''] ?? []).map((code) => ({
              value: code,
              label: label('certificateLevel', code),
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('certificates.fields.name')}>
          <Input />
        </Form.Item>
        <Form.Item name="field" label={t('certificates.fields.field')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="field_category"
          label={t('certificates.fields.field_category')}
          extra={t('certificates.categoryHelp')}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={fieldCategoryOptions(t)}
            onClear={() => form.setFieldValue('field_category', null)}
          />
        </Form.Item>
        <Form.Item name="number" label={t('certificates.fields.number')}>
          <Input />
        </Form.Item>
        <Form.Item name="issuer" label={t('certificates.fields.issuer')}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name="issued_on" label={t('certificates.fields.issued_on')} rules={[{ required: true }]}>
            <DateField />
          </Form.Item>
          <Form.Item name="expires_on" label={t('certificates.fields.expires_on')}>
            <DateField />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

type Column = TableColumnType<Certificate>;

export function CertificatesCard({ teacher, editable }: { teacher: number; editable: boolean }) {
  const { t } = useTranslation();
  const tableScroll = useTableScroll(960);
  const isPhone = useIsPhone();
  const label = useEnumLabel();
  const certificates = useCertificates(teacher);
  const remove = useDeleteCertificate();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Certificate | null | undefined>(undefined);
  // An alert links to /teachers/<id>?certificate=<id>: that row is marked and scrolled to.
  const highlighted = Number(useSearchParams()[0].get('certificate')) || null;
  const loaded = Boolean(certificates.data);
  useEffect(() => {
    if (!highlighted || !loaded) return;
    document.querySelector(`[data-row-key="${highlighted}"]`)?.scrollIntoView?.({ block: 'center' });
  }, [highlighted, loaded]);

  // The row an alert links to is marked beside its first cell.
  const mark = (row: Certificate) =>
    row.id === highlighted && (
      <Tag color="orange" style={{ marginInlineStart: 8 }}>
        {t('certificates.highlighted')}
      </Tag>
    );
  const kind: Column = {
    title: t('certificates.fields.kind'),
    dataIndex: 'kind',
    render: (v: string, row) => (
      <>
        {label('certificateKind', v)}
        {mark(row)}
      </>
    ),
  };
  const level: Column = {
    title: t('certificates.fields.level'),
    dataIndex: 'level',
    render: (v: string) => label('certificateLevel', v),
  };
  // On a phone the category and level go under the name (an unnamed certificate is called by
  // its category), so that what it is and its expiry fit the first screen.
  const name: Column = isPhone
    ? {
        title: t('certificates.fields.name'),
        key: 'name',
        render: (_, row) => (
          <TwoLineCell
            main={
              <span>
                {row.name || label('certificateKind', row.kind)}
                {mark(row)}
              </span>
            }
            sub={`${label('certificateKind', row.kind)} · ${label('certificateLevel', row.level)}`}
            subTestId="certificate-kind"
          />
        ),
      }
    : { title: t('certificates.fields.name'), dataIndex: 'name' };
  // A proposed or rejected certificate says so under its name: it does not count.
  const nameRender = name.render;
  name.render = (v, row, i) => (
    <>
      {nameRender ? nameRender(v, row, i) : v}
      <RecordStatus status={row.status} reason={row.reject_reason} editable={editable} />
    </>
  );
  const details: Column[] = [
    {
      title: t('certificates.fields.field_category'),
      dataIndex: 'field_category',
      render: (v: string | null) => fieldCategoryLabel(v, t),
      onCell: oneLine,
    },
    { title: t('certificates.fields.number'), dataIndex: 'number' },
    { title: t('certificates.fields.issued_on'), dataIndex: 'issued_on', render: formatDate, onCell: oneLine },
  ];
  const expires: Column = {
    title: t('certificates.fields.expires_on'),
    dataIndex: 'expires_on',
    render: (v: string | null) => <ExpiryCell value={v} />,
    onCell: oneLine,
  };
  const actions = useRowActionsColumns<Certificate>(editable, (row) => ({
    onEdit: () => setEditing(row),
    onDelete: () =>
      remove.mutate({ id: row.id, teacher }, { onError: (error) => void message.error(errorText(error)) }),
  }));
  const columns: Column[] = isPhone
    ? [name, expires, ...details, ...actions]
    : [kind, level, name, ...details, expires, ...actions];

  return (
    <Card
      size="small"
      title={t('teachers.certificates')}
      extra={
        editable && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('certificates.add')}
          </Button>
        )
      }
    >
      {certificates.isError ? (
        <ErrorState error={certificates.error} onRetry={() => void certificates.refetch()} />
      ) : (
        <Table<Certificate>
          size="small"
          rowKey="id"
          loading={certificates.isPending}
          pagination={false}
          dataSource={certificates.data?.results}
          scroll={tableScroll}
          rowClassName={(row) => (row.id === highlighted ? 'ant-table-row-selected' : '')}
          onRow={(row) => (row.id === highlighted ? { 'data-highlighted': 'true' } as object : {})}
          columns={columns}
        />
      )}
      {editing !== undefined && (
        <CertificateModal teacher={teacher} certificate={editing} onClose={() => setEditing(undefined)} />
      )}
    </Card>
  );
}
