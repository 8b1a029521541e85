import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, ConfigProvider, Drawer, Form, Input, Select, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { EnumSelect, useEnumLabel } from '@/components/ui/enum-label';
import { certificateLevels } from '@/config/enums';
import { useIsPhone } from '@/lib/breakpoints';
import { applyServerErrors, clearEditedErrors } from '@/lib/form-errors';

import { EvidenceRefused, usePropose } from '../api/records';

type Kind = 'certificate' | 'enterprise_period';

// The first bytes of the files the server accepts (it judges by content, not by name).
const SIGNATURES = [[0x25, 0x50, 0x44, 0x46, 0x2d], [0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]];

/** Whether `file` is a PDF, JPEG or PNG by its content, read before anything is sent. */
export function isEvidenceFile(file: Blob): Promise<boolean> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => {
      const head = new Uint8Array(reader.result as ArrayBuffer);
      resolve(SIGNATURES.some((magic) => magic.every((byte, i) => head[i] === byte)));
    };
    // Unreadable here: the server judges it.
    reader.onerror = () => resolve(true);
    reader.readAsArrayBuffer(file.slice(0, 8));
  });
}

/** The largest evidence file the server keeps (EVIDENCE_MAX_MB, the 10 MB the hint names). */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Why `file` would be refused, in words (empty, over 10 MB, no PDF/JPEG/PNG), or null:
 * checked before anything is sent, so no record waits for a file the server refuses. */
export async function evidenceFileProblem(file: File, t: (key: string) => string): Promise<string | null> {
  if (file.size === 0) return t('recognition.propose.fileEmpty');
  if (file.size > EVIDENCE_MAX_BYTES) return t('recognition.propose.fileTooLarge');
  if (!(await isEvidenceFile(file))) return t('recognition.propose.fileType');
  return null;
}

/** A teacher proposes a certificate or an enterprise period with its evidence file. */
export function ProposeDrawer({
  kind,
  teacher,
  open,
  onClose,
}: {
  kind: Kind;
  teacher: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const label = useEnumLabel();
  const isPhone = useIsPhone();
  // Lists open inside the drawer and scroll with it (a bottom sheet on a phone scrolls).
  const inDrawer = (trigger: HTMLElement) => trigger.parentElement ?? document.body;
  const [file, setFile] = useState<File | null>(null);
  // The record a try created when its file was refused: it is sent, only the file is not.
  const [sent, setSent] = useState<number | null>(null);
  // Something entered (or sent, its file refused): a tap beside the drawer does not close it
  // and throw that away (on a phone, the strip of page above the sheet was one slip away).
  const [dirty, setDirty] = useState(false);
  const propose = usePropose();

  const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);
  const submit = async (values: Record<string, unknown>) => {
    if (!file) {
      form.setFields([{ name: 'file', errors: [t('recognition.propose.fileRequired')] }]);
      return;
    }
    const problem = await evidenceFileProblem(file, t);
    if (problem) {
      form.setFields([{ name: 'file', errors: [problem] }]);
      return;
    }
    const body: Record<string, unknown> =
      kind === 'certificate'
        ? { ...values, issued_on: day(values.issued_on as Dayjs), expires_on: day(values.expires_on as Dayjs) }
        : { ...values, start_on: day(values.start_on as Dayjs), end_on: day(values.end_on as Dayjs) };
    delete body.file;
    try {
      await propose.mutateAsync({ type: kind, body, file, teacher, record: sent ?? undefined });
      void message.success(t('recognition.propose.sent'));
      form.resetFields();
      setFile(null);
      setSent(null);
      onClose();
    } catch (failure) {
      let error = failure;
      if (failure instanceof EvidenceRefused) {
        setSent(failure.record);
        error = failure.error;
      }
      // On the fields; what belongs to none (a refusal, a duplicate) said in a message.
      const rest = applyServerErrors(form, error);
      if (rest.length) void message.error(rest.join(' '));
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      // A bottom sheet on a phone; beside the page on a desktop (a full-width sheet there
      // stretched each field to 1,340 px).
      placement={isPhone ? 'bottom' : 'right'}
      size="large"
      title={t(kind === 'certificate' ? 'recognition.propose.certificate' : 'recognition.propose.period')}
      mask={{ closable: !dirty && sent === null }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Record<string, unknown>) => {
          setDirty(true);
          // A server's word on a field goes once the field is changed (antd keeps it on a
          // field without rules: "attach the file" stayed under the file just chosen).
          clearEditedErrors(form, changed);
          if (kind === 'certificate' && changed.kind) form.setFieldsValue({ level: undefined });
        }}
        data-testid="propose-form"
      >
        {sent !== null && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('recognition.propose.filePending')} data-testid="propose-file-pending" />
        )}
        {/* Sent already when only its file was refused: shown as sent, not changed. */}
        <ConfigProvider componentDisabled={sent !== null}>
        {kind === 'certificate' ? (
          <>
            <Form.Item name="kind" label={t('recognition.propose.kind')} rules={[{ required: true }]}>
              <EnumSelect group="certificateKind" getPopupContainer={inDrawer} />
            </Form.Item>
            {/* Only this field follows the kind (the drawer itself does not re-render). */}
            <Form.Item noStyle dependencies={['kind']}>
              {({ getFieldValue }) => {
                const certificateKind = getFieldValue('kind') as string | undefined;
                return (
                  <Form.Item name="level" label={t('recognition.levelLabel')} rules={[{ required: true }]}>
                    <Select
                      getPopupContainer={inDrawer}
                      disabled={!certificateKind}
                      placeholder={certificateKind ? undefined : t('recognition.propose.kindFirst')}
                      options={(certificateLevels[certificateKind ?? ''] ?? []).map((code) => ({
                        value: code,
                        label: label('certificateLevel', code),
                      }))}
                    />
                  </Form.Item>
                );
              }}
            </Form.Item>
            <Form.Item name="name" label={t('recognition.propose.name')}>
              <Input />
            </Form.Item>
            <Form.Item name="field_category" label={t('recognition.propose.field')}>
              <Select
                allowClear
                getPopupContainer={inDrawer}
                options={Array.from({ length: 19 }, (_v, i) => String(41 + i)).map((code) => ({
                  value: code,
                  label: t(`enums.fieldCategory.${code}`, { defaultValue: code }),
                }))}
              />
            </Form.Item>
            <Form.Item name="number" label={t('recognition.propose.number')}>
              <Input />
            </Form.Item>
            <Form.Item name="issued_on" label={t('recognition.propose.issuedOn')} rules={[{ required: true }]}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="expires_on" label={t('recognition.propose.expiresOn')}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="kind" label={t('recognition.propose.periodKind')} rules={[{ required: true }]}>
              <EnumSelect group="periodKind" getPopupContainer={inDrawer} />
            </Form.Item>
            <Form.Item name="enterprise" label={t('recognition.propose.enterprise')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="position" label={t('recognition.propose.position')}>
              <Input />
            </Form.Item>
            <Form.Item name="start_on" label={t('recognition.propose.startOn')} rules={[{ required: true }]}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="end_on" label={t('recognition.propose.endOn')}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        </ConfigProvider>
        <Form.Item
          name="file"
          label={t('recognition.propose.file')}
          extra={t('recognition.propose.fileHint')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList?: unknown[] }) => e?.fileList}
        >
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setDirty(true);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />} data-testid="propose-file">
              {t('recognition.propose.choose')}
            </Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={propose.isPending}>
          {t('recognition.propose.send')}
        </Button>
      </Form>
    </Drawer>
  );
}
