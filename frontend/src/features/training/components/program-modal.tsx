import { App, Form, Input, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { EnumSelect } from '@/components/ui/enum-label';
import { FormModal } from '@/components/ui/form-modal';
import { saveErrors } from '@/lib/conflict';
import { datesFromDayjs, datesToDayjs } from '@/lib/dates';

import { useSaveProgram } from '../api/save-program';
import type { TrainingProgram } from '../types/training';

const dateFields = ['start_on', 'end_on'];

/** Create or edit one of the base's programmes (the server fills in the base). */
export function ProgramModal({ program, onClose }: { program: TrainingProgram | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveProgram();
  const [record, setRecord] = useState(program);
  const [errors, setErrors] = useState<string[]>([]);

  const onFinish = (values: Record<string, unknown>) => {
    setErrors([]);
    save.mutate(
      { ...(datesFromDayjs(values, dateFields) as Partial<TrainingProgram>), id: record?.id, version: record?.version },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) =>
          setErrors(
            saveErrors<TrainingProgram>(form, error, t('training.conflict'), (current) => {
              setRecord(current);
              form.setFieldsValue(datesToDayjs(current, dateFields));
            }),
          ),
      },
    );
  };

  const req = (field: string) => ({ required: true, message: t('training.required', { field: t(`training.fields.${field}`) }) });

  return (
    <FormModal
      id="program-form"
      title={program ? t('training.editProgram') : t('training.addProgram')}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      saving={save.isPending}
      errors={errors}
      initialValues={program ? datesToDayjs(program, dateFields) : { kind: 'enterprise_practice' }}
    >
      <Form.Item name="title" label={t('training.fields.title')} rules={[req('title')]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item name="kind" label={t('training.fields.kind')} rules={[req('kind')]}>
        <EnumSelect group="programKind" />
      </Form.Item>
      <Form.Item name="hours" label={t('training.fields.hours')} rules={[req('hours')]}>
        <InputNumber min={1} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="start_on" label={t('training.fields.start_on')} rules={[req('start_on')]}>
          <DateField />
        </Form.Item>
        <Form.Item name="end_on" label={t('training.fields.end_on')} rules={[req('end_on')]}>
          <DateField />
        </Form.Item>
      </Space>
    </FormModal>
  );
}
