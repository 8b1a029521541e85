import { App, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { EnumSelect } from '@/components/ui/enum-label';
import { FormModal } from '@/components/ui/form-modal';
import { saveErrors } from '@/lib/conflict';
import { datesFromDayjs, datesToDayjs, isAfterTodayInChina, todayInChina } from '@/lib/dates';
import { cityLabel, useCities } from '@/lib/reference-data';

import { useSaveBase, type BaseInput } from '../api/save-base';
import type { TrainingBase } from '../types/training';

const dateFields = ['approved_on'];
const sentDates = [...dateFields, 'effective_on'];

/**
 * Whether the form asks from which day the chosen status holds (DESIGN §3: the status is
 * dated; the old one holds before that day). Only when the status changes, and not for a
 * base's first activation: then the approval date is that day (one date, not two).
 */
export function asksEffectiveOn(base: TrainingBase | null, status: string | undefined): boolean {
  if (!status || status === base?.status) return false;
  const everActive = (base?.status_history ?? []).some((change) => change.status === 'active');
  return !(status === 'active' && !everActive);
}

/** The province registers or edits a training base. */
export function BaseModal({ base, onClose }: { base: TrainingBase | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveBase();
  const cities = useCities();
  const [record, setRecord] = useState(base);
  const [errors, setErrors] = useState<string[]>([]);
  const status = Form.useWatch<string | undefined>('status', form);
  const datedChange = asksEffectiveOn(record, status);

  const onFinish = (values: Record<string, unknown>) => {
    setErrors([]);
    const { effective_on: effectiveOn, ...rest } = values;
    // The day is sent only with a status change it dates (the server defaults to today).
    const data = datedChange && effectiveOn ? { ...rest, effective_on: effectiveOn } : rest;
    save.mutate(
      { ...(datesFromDayjs(data, sentDates) as BaseInput), id: record?.id, version: record?.version },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) =>
          setErrors(
            saveErrors<TrainingBase>(form, error, t('training.conflict'), (current) => {
              setRecord(current);
              form.setFieldsValue(datesToDayjs(current, dateFields));
            }),
          ),
      },
    );
  };

  const req = (field: string) => ({ required: true, message: t('training.required', { field: t(`training.baseFields.${field}`) }) });

  return (
    <FormModal
      id="base-form"
      title={base ? t('training.editBase') : t('training.addBase')}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      saving={save.isPending}
      errors={errors}
      width={640}
      initialValues={
        base ? datesToDayjs(base, dateFields) : { host_kind: 'enterprise', designation: 'dual_qualified', status: 'planned' }
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="code" label={t('training.baseFields.code')} rules={[req('code')]}>
            <Input autoFocus />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="name" label={t('training.baseFields.name')} rules={[req('name')]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="host_name" label={t('training.baseFields.host_name')} rules={[req('host_name')]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="host_kind" label={t('training.baseFields.host_kind')} rules={[req('host_kind')]}>
            <EnumSelect group="hostKind" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="city" label={t('training.baseFields.city')} rules={[req('city')]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={cities.isPending}
              options={cities.data?.results.map((c) => ({ value: c.id, label: cityLabel(c, i18n.language) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="designation" label={t('training.baseFields.designation')} rules={[req('designation')]}>
            <EnumSelect group="designation" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="status" label={t('training.baseFields.status')} rules={[req('status')]}>
            <EnumSelect group="baseStatus" />
          </Form.Item>
        </Col>
        {datedChange && (
          <Col xs={24} md={8}>
            <Form.Item
              name="effective_on"
              label={t('training.baseFields.effective_on')}
              extra={t(record ? 'training.effectiveHelp' : 'training.effectiveHelpNew')}
              initialValue={todayInChina()}
            >
              {/* Today or earlier: the server refuses a later day (the status column is today's). */}
              <DateField style={{ width: '100%' }} disabledDate={isAfterTodayInChina} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={8}>
          <Form.Item name="approved_on" label={t('training.baseFields.approved_on')} extra={t('training.approvedHelp')}>
            <DateField style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
