import { SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { FormModal } from '@/components/ui/form-modal';
import { ApiError } from '@/lib/api-client';
import { saveErrors } from '@/lib/conflict';
import { datesFromDayjs, datesToDayjs, isAfterTodayInChina } from '@/lib/dates';
import { setFieldErrors } from '@/lib/form-errors';
import { useIsPhone } from '@/lib/breakpoints';
import { formatDate } from '@/lib/format';
import { isValidIdNumber } from '@/lib/id-number';

import { usePrograms } from '../api/get-programs';
import { useLookupTeacher } from '../api/lookup-teacher';
import { useSaveCompletion } from '../api/save-completion';
import type { TeacherMatch, TrainingCompletion, TrainingProgram } from '../types/training';

const dateFields = ['completed_on'];

/**
 * The API says "already has a completion of this programme" (or "voided") under `teacher`, a
 * field the dialog does not show (the teacher is named by ID number, and kept when editing):
 * put it on the programme, the choice to change.
 */
function onProgramField(error: Error): Error {
  if (!(error instanceof ApiError) || !error.body.teacher) return error;
  const { teacher, ...rest } = error.body;
  const program = [rest.program ?? [], teacher].flat() as string[];
  return new ApiError(error.status, { ...rest, program });
}

/**
 * Log a completion: find the teacher by exact ID number first (name and school only),
 * then the programme, date, hours, result and certificate. Editing keeps the teacher.
 */
export function CompletionModal({
  completion,
  onClose,
}: {
  completion: TrainingCompletion | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  // A phone: the programme's hours and dates a line each (two columns broke 学时 in two).
  const isPhone = useIsPhone();
  const save = useSaveCompletion();
  const lookup = useLookupTeacher();
  const programs = usePrograms({ page_size: 200, ordering: '-start_on' });
  const [record, setRecord] = useState(completion);
  const [match, setMatch] = useState<TeacherMatch | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const programId = Form.useWatch('program', form) as number | undefined;
  const program = programs.data?.results.find((p) => p.id === programId);
  const teacher = record ? { name: record.teacher_name, school_name: record.school_name } : match;

  const findTeacher = () => {
    const idNumber = String(form.getFieldValue('teacher_id_number') ?? '').trim().toUpperCase();
    if (!isValidIdNumber(idNumber)) {
      setFieldErrors(form, 'teacher_id_number', [t('training.badIdNumber')]);
      return;
    }
    setMatch(null);
    lookup.mutate(idNumber, {
      onSuccess: (found) => {
        setMatch(found);
        setFieldErrors(form, 'teacher_id_number', []);
      },
      onError: (error) => {
        const messages =
          error instanceof ApiError && error.status === 404
            ? [t('training.notFound')]
            : error instanceof ApiError
              ? (error.fieldErrors().id_number ?? [error.message])
              : [String(error)];
        setFieldErrors(form, 'teacher_id_number', messages);
      },
    });
  };

  const onFinish = (values: Record<string, unknown>) => {
    // Enter in the ID-number field looks the teacher up; once found, it saves.
    if (!teacher) return findTeacher();
    setErrors([]);
    const data = datesFromDayjs(values, dateFields);
    if (record) delete data.teacher_id_number;
    else data.teacher_id_number = String(values.teacher_id_number).trim().toUpperCase();
    save.mutate(
      { ...data, id: record?.id, version: record?.version },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) =>
          setErrors(
            saveErrors<TrainingCompletion>(form, onProgramField(error), t('training.conflict'), (current) => {
              setRecord(current);
              form.setFieldsValue(datesToDayjs(current, dateFields));
            }),
          ),
      },
    );
  };

  const onValuesChange = (changed: Record<string, unknown>) => {
    if ('teacher_id_number' in changed) setMatch(null);
    if (typeof changed.program === 'number') {
      const chosen = programs.data?.results.find((p) => p.id === changed.program);
      if (chosen) prefill(chosen);
    }
  };

  // A new completion usually covers the whole programme, finished on its last day.
  const prefill = (chosen: TrainingProgram) => {
    if (record) return;
    const end = dayjs(chosen.end_on);
    form.setFieldsValue({
      hours: form.getFieldValue('hours') ?? chosen.hours,
      completed_on: form.getFieldValue('completed_on') ?? (isAfterTodayInChina(end) ? null : end),
    });
  };

  const req = (field: string) => ({ required: true, message: t('training.required', { field: t(`training.fields.${field}`) }) });

  return (
    <FormModal
      id="completion-form"
      title={record ? t('training.editCompletion') : t('training.logCompletion')}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      saving={save.isPending || lookup.isPending}
      okText={teacher ? t('common.save') : t('training.find')}
      errors={errors}
      initialValues={record ? datesToDayjs(record, dateFields) : { passed: true }}
      onValuesChange={onValuesChange}
      width={560}
    >
      {!record && (
        <Form.Item
          label={t('training.fields.id_number')}
          extra={t('training.lookupHelp')}
          required
        >
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="teacher_id_number" noStyle rules={[req('id_number')]}>
              <Input
                autoFocus
                maxLength={18}
                autoComplete="off"
                aria-label={t('training.fields.id_number')}
                placeholder={t('training.lookupPlaceholder')}
              />
            </Form.Item>
            <Button icon={<SearchOutlined />} onClick={findTeacher} loading={lookup.isPending}>
              {t('training.find')}
            </Button>
          </Space.Compact>
        </Form.Item>
      )}
      {teacher && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="teacher-match"
          title={t('training.found', { name: teacher.name, school: teacher.school_name })}
        />
      )}
      {teacher && (
        <>
          <Form.Item name="program" label={t('training.fields.program')} rules={[req('program')]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={programs.isPending}
              options={programs.data?.results.map((p) => ({ value: p.id, label: p.title }))}
            />
          </Form.Item>
          {program && (
            <Descriptions size="small" column={isPhone ? 1 : 2} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('training.fields.hours')}>{program.hours}</Descriptions.Item>
              <Descriptions.Item label={t('training.period')}>
                {formatDate(program.start_on)} – {formatDate(program.end_on)}
              </Descriptions.Item>
            </Descriptions>
          )}
          <Space wrap align="start">
            <Form.Item name="completed_on" label={t('training.fields.completed_on')} rules={[req('completed_on')]}>
              <DateField />
            </Form.Item>
            <Form.Item name="hours" label={t('training.fields.hours')} rules={[req('hours')]}>
              <InputNumber min={1} max={program?.hours} precision={0} />
            </Form.Item>
            <Form.Item name="passed" label={t('training.fields.passed')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="certificate_no" label={t('training.fields.certificate_no')}>
            <Input />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
