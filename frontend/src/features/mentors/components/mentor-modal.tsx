import { App, Col, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EnumSelect } from '@/components/ui/enum-label';
import { FormModal } from '@/components/ui/form-modal';
import { saveErrors } from '@/lib/conflict';

import { useSaveMentor } from '../api/save-mentor';
import type { Mentor } from '../types/mentor';

/** Edit a mentor's own record (the ID number stays; a wrong one is a new mentor). */
export function MentorModal({ mentor, onClose }: { mentor: Mentor; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveMentor();
  const [record, setRecord] = useState(mentor);
  const [errors, setErrors] = useState<string[]>([]);

  const onFinish = (values: Partial<Mentor>) => {
    setErrors([]);
    save.mutate(
      { ...values, id: record.id, version: record.version },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) =>
          setErrors(
            saveErrors<Mentor>(form, error, t('mentors.conflict'), (current) => {
              setRecord(current);
              form.setFieldsValue(current);
            }),
          ),
      },
    );
  };

  const req = (field: string) => ({ required: true, message: t('mentors.required', { field: t(`mentors.fields.${field}`) }) });

  return (
    <FormModal<Partial<Mentor>>
      id="mentor-form"
      title={`${t('mentors.editMentor')} · ${mentor.name}`}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      saving={save.isPending}
      errors={errors}
      initialValues={mentor}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('mentors.fields.name')} rules={[req('name')]}>
            <Input autoFocus />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="category" label={t('mentors.fields.category')} rules={[req('category')]}>
            <EnumSelect group="mentorCategory" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="enterprise" label={t('mentors.fields.enterprise')} rules={[req('enterprise')]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="title" label={t('mentors.fields.title')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="skills" label={t('mentors.fields.skills')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
