import { Alert, App, Button, ConfigProvider, Drawer, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { EnumSelect, useEnumLabel } from '@/components/ui/enum-label';
import { certificateLevels } from '@/config/enums';
import { useIsPhone } from '@/lib/breakpoints';
import { applyServerErrors, clearEditedErrors } from '@/lib/form-errors';
import { useUnsavedOverlayPrompt } from '@/lib/unsaved-changes';

import { EvidenceRefused, usePropose } from '../api/records';
import { EvidenceFileItem, useEvidenceFileCheck } from './evidence-file';

type Kind = 'certificate' | 'enterprise_period';

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
  const checkFile = useEvidenceFileCheck(form);
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
  // Back (the phone's gesture for closing a sheet) asks first while it would throw that away.
  const { leave, prompt } = useUnsavedOverlayPrompt(dirty || sent !== null);
  // Closed on purpose (its close button, a submit): nothing to ask.
  const close = () => {
    leave();
    onClose();
  };
  const propose = usePropose();

  const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);
  const submit = async (values: Record<string, unknown>) => {
    const chosen = await checkFile(file);
    if (!chosen) return;
    const body: Record<string, unknown> =
      kind === 'certificate'
        ? { ...values, issued_on: day(values.issued_on as Dayjs), expires_on: day(values.expires_on as Dayjs) }
        : { ...values, start_on: day(values.start_on as Dayjs), end_on: day(values.end_on as Dayjs) };
    delete body.file;
    try {
      await propose.mutateAsync({ type: kind, body, file: chosen, teacher, record: sent ?? undefined });
      void message.success(t('recognition.propose.sent'));
      form.resetFields();
      setFile(null);
      setSent(null);
      setDirty(false);
      close();
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
      onClose={close}
      // A bottom sheet on a phone; beside the page on a desktop (a full-width sheet there
      // stretched each field to 1,340 px).
      placement={isPhone ? 'bottom' : 'right'}
      size="large"
      title={t(kind === 'certificate' ? 'recognition.propose.certificate' : 'recognition.propose.period')}
      mask={{ closable: !dirty && sent === null }}
      destroyOnHidden
    >
      {prompt}
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
        <EvidenceFileItem
          testId="propose-file"
          onPick={(f) => {
            setFile(f);
            setDirty(true);
          }}
          onRemove={() => setFile(null)}
        />
        <Button type="primary" htmlType="submit" block loading={propose.isPending}>
          {t('recognition.propose.send')}
        </Button>
      </Form>
    </Drawer>
  );
}
