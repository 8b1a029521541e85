import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { SchoolSelect } from '@/components/ui/school-select';
import { DateField } from '@/components/ui/date-field';
import { EnumSelect } from '@/components/ui/enum-label';
import { useMe } from '@/lib/auth';
import { datesFromDayjs, datesToDayjs, isAfterTodayInChina } from '@/lib/dates';
import { saveErrors } from '@/lib/conflict';
import { clearEditedErrors } from '@/lib/form-errors';
import { isValidIdNumber, parseIdNumber } from '@/lib/id-number';
import { keepEnterInDates } from '@/lib/form-keys';
import { useUnsavedChangesPrompt } from '@/lib/unsaved-changes';
import dayjs from 'dayjs';

import { useCreateTeacher } from '../api/create-teacher';
import { useUpdateTeacher } from '../api/update-teacher';
import type { Teacher, TeacherInput } from '../types/teacher';
import { fieldCategoryOptions } from './field-categories';
import { useSavedNotice } from './use-saved-notice';

const dateFields = ['birth_date', 'hired_on', 'teaching_since', 'left_on', 'effective_on'];

type Props = {
  teacher?: Teacher;
  onSaved: (teacher: Teacher) => void;
  onCancel: () => void;
};

export function TeacherForm({ teacher, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const create = useCreateTeacher();
  const update = useUpdateTeacher();
  const notice = useSavedNotice(teacher?.id);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  // Typed and not saved: leaving the page (Back, a menu link, 取消) asks first; a save does not.
  const [dirty, setDirty] = useState(false);
  const leaveSaved = useUnsavedChangesPrompt(dirty);
  // school_hr writes into its own school: the server fills `school` in.
  const chooseSchool = me?.role === 'province';
  const saving = create.isPending || update.isPending;
  // A masked ID number (3601**********1234) is not sent back.
  const idMasked = Boolean(teacher?.id_number.includes('*'));

  const initialValues = teacher
    ? datesToDayjs(teacher, dateFields)
    : { employment: 'full_time', course_type: 'professional', title: 'none', normal_graduate: false };

  const onFinish = (values: Record<string, unknown>) => {
    setOtherErrors([]);
    const data = datesFromDayjs(values, dateFields) as TeacherInput;
    if (idMasked && data.id_number === teacher?.id_number) delete data.id_number;
    const saved = notice.begin();
    const handlers = {
      onSuccess: (result: Teacher) => {
        void saved(result);
        leaveSaved();
        onSaved(result);
      },
      onError: (error: unknown) =>
        setOtherErrors(
          // 409: someone saved first. Show their version (and its new `version`) to save over.
          saveErrors<Teacher>(form, error, t('common.conflict'), (current) => {
            queryClient.setQueryData(['teachers', 'detail', current.id], current);
            form.setFieldsValue(datesToDayjs(current, dateFields));
          }),
        ),
    };
    if (teacher) update.mutate({ id: teacher.id, data: { ...data, version: teacher.version } }, handlers);
    else create.mutate(data, handlers);
  };

  const onValuesChange = (changed: Record<string, unknown>) => {
    setDirty(true);
    // A server's word on a field goes once the field is changed.
    clearEditedErrors(form, changed);
    if (typeof changed.id_number === 'string') {
      const parsed = parseIdNumber(changed.id_number);
      if (parsed) form.setFieldsValue({ gender: parsed.gender, birth_date: dayjs(parsed.birth_date) });
    }
  };

  const req = (field: string) => ({
    required: true,
    message: t('common.required', { field: t(`teachers.fields.${field}`) }),
  });

  return (
    <Card title={teacher ? `${t('teachers.editTitle')} · ${teacher.name}` : t('teachers.new')}>
      <Form
        onKeyDown={keepEnterInDates}
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        onValuesChange={onValuesChange}
        scrollToFirstError
      >
        {otherErrors.length > 0 && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={otherErrors.join(' ')} />
        )}
        <Row gutter={16}>
          {chooseSchool && (
            <Col xs={24} md={12}>
              <Form.Item name="school" label={t('teachers.fields.school')} rules={[req('school')]}>
                <SchoolSelect />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('teachers.fields.name')} rules={[req('name')]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="staff_no" label={t('teachers.fields.staff_no')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="id_number"
              label={t('teachers.fields.id_number')}
              rules={[
                req('id_number'),
                {
                  validator: (_, value: string) =>
                    !value || (idMasked && value === teacher?.id_number) || isValidIdNumber(value)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('teachers.idInvalid'))),
                },
              ]}
            >
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="gender" label={t('teachers.fields.gender')} rules={[req('gender')]}>
              <EnumSelect group="gender" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="birth_date" label={t('teachers.fields.birth_date')} rules={[req('birth_date')]}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="employment" label={t('teachers.fields.employment')} rules={[req('employment')]}>
              <EnumSelect group="employment" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="course_type" label={t('teachers.fields.course_type')} rules={[req('course_type')]}>
              <EnumSelect group="courseType" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="major" label={t('teachers.fields.major')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="major_category"
              label={t('teachers.fields.major_category')}
              extra={t('teachers.categoryHelp')}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={fieldCategoryOptions(t)}
                onClear={() => form.setFieldValue('major_category', null)}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="education" label={t('teachers.fields.education')} rules={[req('education')]}>
              <EnumSelect group="education" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="title" label={t('teachers.fields.title')} rules={[req('title')]}>
              <EnumSelect group="title" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="hired_on" label={t('teachers.fields.hired_on')} rules={[req('hired_on')]}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="teaching_since"
              label={t('teachers.fields.teaching_since')}
              rules={[req('teaching_since')]}
            >
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="left_on" label={t('teachers.fields.left_on')}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {teacher && (
            <Col xs={12} md={6}>
              <Form.Item
                name="effective_on"
                label={t('teachers.fields.effective_on')}
                extra={t('teachers.effectiveHelp')}
              >
                {/* Today or earlier: the server refuses a later date (today's values are read). */}
                <DateField style={{ width: '100%' }} disabledDate={isAfterTodayInChina} />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={6}>
            <Form.Item
              name="normal_graduate"
              label={t('teachers.fields.normal_graduate')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary">{t('teachers.recruitHelp')}</Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
