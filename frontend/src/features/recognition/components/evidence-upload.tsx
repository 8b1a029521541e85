import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { applyServerErrors, clearEditedErrors } from '@/lib/form-errors';
import { useUnsavedOverlayPrompt } from '@/lib/unsaved-changes';

import { useUploadEvidence } from '../api/records';
import type { EvidenceFile, MyRecord } from '../types';
import { EvidenceFileItem, useEvidenceFileCheck } from './evidence-file';

type Kind = EvidenceFile['kind'];
const KINDS: Kind[] = ['training', 'achievement', 'other', 'certificate', 'enterprise'];

type Values = { kind: Kind; record?: number; description?: string; file?: unknown };

/**
 * A teacher adds an evidence file of their own (training, achievement, other, or one more
 * file for a certificate or period already proposed or confirmed: the stamped proof HR asks
 * for on returning an application). Checked like the proposal's file before it is sent.
 */
export function EvidenceUploadModal({
  teacher,
  record,
  onClose,
}: {
  teacher: number;
  record: MyRecord | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useEnumLabel();
  const [form] = Form.useForm<Values>();
  const checkFile = useEvidenceFileCheck(form);
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadEvidence();
  const kind = Form.useWatch('kind', form);
  // A file chosen (or something entered) and not yet uploaded: Back (it closes the modal, see
  // useOverlayParam) or a tap beside it asks before throwing it away.
  const [dirty, setDirty] = useState(false);
  const { leave, prompt } = useUnsavedOverlayPrompt(dirty || file !== null);
  // Closed on purpose (cancel, once uploaded): nothing to ask.
  const close = () => {
    leave();
    onClose();
  };

  // The records a file of this kind may back (the API ties a file to one of the teacher's own).
  const records =
    kind === 'certificate'
      ? (record?.certificates ?? []).map((c) => ({
          value: c.id,
          label: `${label('certificateKind', c.kind)} · ${c.name || label('certificateLevel', c.level)}`,
        }))
      : kind === 'enterprise'
        ? (record?.enterprise_periods ?? []).map((p) => ({
            value: p.id,
            label: `${label('periodKind', p.kind)} · ${p.enterprise}`,
          }))
        : [];

  const submit = async (values: Values) => {
    const chosen = await checkFile(file);
    if (!chosen) return;
    try {
      await upload.mutateAsync({
        teacher,
        kind: values.kind,
        file: chosen,
        description: values.description?.trim() || undefined,
        certificate: values.kind === 'certificate' ? values.record : undefined,
        enterprise_period: values.kind === 'enterprise' ? values.record : undefined,
      });
      void message.success(t('recognition.upload.done'));
      close();
    } catch (error) {
      // The server's word on its field; what belongs to none (the record it names, a
      // refusal) in a message, in words (not prefixed with the API's field name).
      const rest = applyServerErrors(form, error).map((m) =>
        m.replace(/^(certificate|enterprise_period|teacher): /, ''),
      );
      if (rest.length) void message.error(rest.join(' '));
    }
  };

  return (
    <Modal
      open
      title={t('recognition.upload.title')}
      onCancel={close}
      mask={{ closable: !dirty && file === null }}
      onOk={() => form.submit()}
      okText={t('recognition.upload.send')}
      confirmLoading={upload.isPending}
      destroyOnHidden
    >
      {prompt}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed: Partial<Values>) => {
          setDirty(true);
          clearEditedErrors(form, changed);
          if ('kind' in changed) form.setFieldsValue({ record: undefined });
        }}
        data-testid="evidence-upload-form"
      >
        <Form.Item name="kind" label={t('recognition.upload.kind')} rules={[{ required: true }]}>
          <Select
            options={KINDS.map((k) => ({
              value: k,
              label: t(`recognition.evidenceKind.${k}`, { defaultValue: k }),
            }))}
          />
        </Form.Item>
        {(kind === 'certificate' || kind === 'enterprise') && (
          <Form.Item name="record" label={t('recognition.upload.record')}>
            <Select allowClear options={records} notFoundContent={t('recognition.me.none')} />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('recognition.upload.description')}>
          <Input maxLength={200} />
        </Form.Item>
        <EvidenceFileItem testId="evidence-upload-file" onPick={setFile} onRemove={() => setFile(null)} />
      </Form>
    </Modal>
  );
}
