import { SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, InputNumber, Radio, Row, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { SchoolSelect } from '@/components/ui/school-select';
import { DateField } from '@/components/ui/date-field';
import { EnumSelect } from '@/components/ui/enum-label';
import { FormModal } from '@/components/ui/form-modal';
import { ApiError } from '@/lib/api-client';
import { useMe } from '@/lib/auth';
import { saveErrors } from '@/lib/conflict';
import { datesFromDayjs, datesToDayjs } from '@/lib/dates';
import { setFieldErrors } from '@/lib/form-errors';
import { isValidIdNumber } from '@/lib/id-number';

import { useLookupMentor } from '../api/lookup-mentor';
import { type AppointmentInput, useSaveAppointment } from '../api/save-appointment';
import type { Appointment, MentorMatch } from '../types/mentor';

const dateFields = ['start_on', 'end_on'];
const mentorFields = ['name', 'id_number', 'enterprise', 'category', 'title', 'skills'] as const;
type Source = 'existing' | 'new';
type NewMentor = NonNullable<AppointmentInput['new_mentor']>;

/**
 * Appoint a mentor: one already registered (found by exact ID number), or a new one
 * registered here first. Editing changes only the appointment.
 */
export function AppointmentModal({ appointment, onClose }: { appointment: Appointment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const [form] = Form.useForm();
  const save = useSaveAppointment();
  const lookup = useLookupMentor();
  const chooseSchool = me?.role === 'province';
  const [record, setRecord] = useState(appointment);
  const [source, setSource] = useState<Source>('existing');
  const [match, setMatch] = useState<MentorMatch | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const needsLookup = !record && source === 'existing' && !match;

  const idNumberOf = (name: string) => String(form.getFieldValue(name) ?? '').trim().toUpperCase();

  const findMentor = () => {
    const idNumber = idNumberOf('mentor_id_number');
    if (!isValidIdNumber(idNumber)) {
      setFieldErrors(form, 'mentor_id_number', [t('mentors.badIdNumber')]);
      return;
    }
    lookup.mutate(idNumber, {
      onSuccess: (found) => {
        setMatch(found);
        setFieldErrors(form, 'mentor_id_number', []);
      },
      onError: (error) =>
        setFieldErrors(
          form,
          'mentor_id_number',
          error instanceof ApiError && error.status === 404
            ? [t('mentors.notFound')]
            : error instanceof ApiError
              ? (error.fieldErrors().id_number ?? [error.message])
              : [String(error)],
        ),
    });
  };

  const onSaveError = (error: unknown) =>
    setErrors(
      saveErrors<Appointment>(form, error, t('mentors.conflict'), (current) => {
        setRecord(current);
        form.setFieldsValue(datesToDayjs(current, dateFields));
      }),
    );

  const saveAppointment = (values: Record<string, unknown>, mentor?: Pick<AppointmentInput, 'mentor_id_number' | 'new_mentor'>) => {
    const data = datesFromDayjs(values, dateFields);
    const body = {
      mode: data.mode,
      start_on: data.start_on,
      end_on: data.end_on ?? null,
      hours: data.hours,
      ...(chooseSchool && !record ? { school: data.school } : {}),
    } as Partial<Appointment>;
    save.mutate(
      { ...body, id: record?.id, version: record?.version, ...mentor },
      { onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        }, onError: onSaveError },
    );
  };

  const onFinish = (values: Record<string, unknown>) => {
    setErrors([]);
    if (record) return saveAppointment(values);
    if (source === 'existing') {
      if (!match) return findMentor();
      return saveAppointment(values, { mentor_id_number: idNumberOf('mentor_id_number') });
    }
    // The new mentor goes with the appointment in one request: the server writes both or
    // neither, and its errors on the mentor's fields come under their names (name, id_number…).
    const mentor = Object.fromEntries(mentorFields.map((f) => [f, values[f] ?? ''])) as Record<string, string>;
    return saveAppointment(values, {
      new_mentor: { ...mentor, id_number: idNumberOf('id_number'), category: mentor.category as 'engineer' } as NewMentor,
    });
  };

  const req = (field: string) => ({ required: true, message: t('mentors.required', { field: t(`mentors.fields.${field}`) }) });

  return (
    <FormModal
      id="appointment-form"
      title={record ? t('mentors.editAppointment') : t('mentors.add')}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      saving={save.isPending || lookup.isPending}
      okText={needsLookup ? t('mentors.find') : t('common.save')}
      errors={errors}
      width={640}
      initialValues={record ? datesToDayjs(record, dateFields) : { mode: 'teaching', category: 'engineer' }}
      onValuesChange={(changed) => {
        if ('mentor_id_number' in changed) setMatch(null);
      }}
    >
      {record ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`${record.mentor_name} · ${record.school_name}`} />
      ) : (
        <Form.Item label={t('mentors.source')}>
          <Radio.Group
            value={source}
            onChange={(e) => setSource(e.target.value as Source)}
            optionType="button"
            options={[
              { value: 'existing', label: t('mentors.existing') },
              { value: 'new', label: t('mentors.addMentor') },
            ]}
          />
        </Form.Item>
      )}
      {!record && source === 'existing' && (
        <>
          <Form.Item label={t('mentors.fields.id_number')} extra={t('mentors.lookupHelp')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="mentor_id_number" noStyle rules={[req('id_number')]}>
                <Input autoFocus maxLength={18} autoComplete="off" aria-label={t('mentors.fields.id_number')} />
              </Form.Item>
              <Button icon={<SearchOutlined />} onClick={findMentor} loading={lookup.isPending}>
                {t('mentors.find')}
              </Button>
            </Space.Compact>
          </Form.Item>
          {match && (
            <Alert
              type="success"
              showIcon
              data-testid="mentor-match"
              style={{ marginBottom: 16 }}
              title={t('mentors.found', { name: match.name, enterprise: match.enterprise })}
            />
          )}
        </>
      )}
      {!record && source === 'new' && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('mentors.fields.name')} rules={[req('name')]}>
              <Input autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="id_number"
              label={t('mentors.fields.id_number')}
              rules={[
                req('id_number'),
                {
                  validator: (_, value: string) =>
                    !value || isValidIdNumber(value) ? Promise.resolve() : Promise.reject(new Error(t('mentors.badIdNumber'))),
                },
              ]}
            >
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="enterprise" label={t('mentors.fields.enterprise')} rules={[req('enterprise')]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('mentors.fields.category')} rules={[req('category')]}>
              <EnumSelect group="mentorCategory" />
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
      )}
      {(record || source === 'new' || match) && (
        <Row gutter={16}>
          {chooseSchool && !record && (
            <Col xs={24}>
              <Form.Item name="school" label={t('mentors.fields.school')} rules={[req('school')]}>
                <SchoolSelect />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="mode" label={t('mentors.fields.mode')} rules={[req('mode')]}>
              <EnumSelect group="appointmentMode" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="hours" label={t('mentors.fields.hours')} rules={[req('hours')]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="start_on" label={t('mentors.fields.start_on')} rules={[req('start_on')]}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="end_on" label={t('mentors.fields.end_on')} extra={t('mentors.endHelp')}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </FormModal>
  );
}
