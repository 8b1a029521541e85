import { Alert, App, Button, Form, Input, InputNumber, Select, Skeleton, Space } from 'antd';
import { Drawer } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EnumSelect } from '@/components/ui/enum-label';
import { ErrorState } from '@/components/ui/query-state';
import { useIsPhone } from '@/lib/breakpoints';
import { saveErrors } from '@/lib/conflict';
import { clearEditedErrors } from '@/lib/form-errors';
import { cityLabel, useCities } from '@/lib/reference-data';

import { useSchool } from '../api/get-school';
import { useSaveSchool } from '../api/save-school';
import type { SchoolInput, SchoolRecord } from '../types/ratios';

/** The server's ceiling (schools/api.py MAX_STUDENTS): more is a typing mistake. */
export const MAX_STUDENTS = 200_000;

const FIELDS = ['code', 'name', 'city', 'kind', 'student_count'] as const;

/**
 * The province registers a school (`schoolId` null) or edits one: a bottom sheet on a phone,
 * beside the page on a desktop. An edit reads the school first (its version and student count).
 */
export function SchoolDrawer({ schoolId, onClose }: { schoolId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const school = useSchool(schoolId ?? Number.NaN);
  const editing = schoolId !== null;
  return (
    <Drawer
      open
      onClose={onClose}
      placement={isPhone ? 'bottom' : 'right'}
      size={isPhone ? '85%' : 480}
      title={editing ? t('schoolAdmin.edit') : t('schoolAdmin.add')}
      destroyOnHidden
    >
      {!editing ? (
        <SchoolForm school={null} onClose={onClose} />
      ) : school.isError ? (
        <ErrorState error={school.error} onRetry={() => void school.refetch()} />
      ) : school.data ? (
        <SchoolForm school={school.data as SchoolRecord} onClose={onClose} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}

function SchoolForm({ school, onClose }: { school: SchoolRecord | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SchoolInput>();
  const save = useSaveSchool();
  const cities = useCities();
  // Lists open inside the drawer and scroll with it (a bottom sheet on a phone scrolls).
  const inDrawer = (trigger: HTMLElement) => trigger.parentElement ?? document.body;
  const [record, setRecord] = useState(school);
  const [errors, setErrors] = useState<string[]>([]);

  const onFinish = (values: SchoolInput) => {
    setErrors([]);
    save.mutate(
      { ...values, id: record?.id, version: record?.version },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) =>
          setErrors(
            saveErrors<SchoolRecord>(form, error, t('common.conflict'), (current) => {
              setRecord(current);
              form.setFieldsValue(pick(current));
            }),
          ),
      },
    );
  };

  const req = (field: string) => ({ required: true, message: t('common.required', { field: t(`schoolAdmin.fields.${field}`) }) });

  return (
    <Form<SchoolInput>
      form={form}
      layout="vertical"
      name="school-form"
      initialValues={school ? pick(school) : { student_count: 0 }}
      onFinish={onFinish}
      // A server's word on a field goes once the field is changed.
      onValuesChange={(changed: Record<string, unknown>) => clearEditedErrors(form, changed)}
    >
      {errors.length > 0 && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={errors.join(' ')} />
      )}
      <Form.Item name="code" label={t('schoolAdmin.fields.code')} rules={[req('code')]}>
        <Input autoFocus maxLength={32} />
      </Form.Item>
      <Form.Item name="name" label={t('schoolAdmin.fields.name')} rules={[req('name')]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="city" label={t('schoolAdmin.fields.city')} rules={[req('city')]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={cities.isPending}
          getPopupContainer={inDrawer}
          options={cities.data?.results.map((c) => ({ value: c.id, label: cityLabel(c, i18n.language) }))}
        />
      </Form.Item>
      <Form.Item name="kind" label={t('schoolAdmin.fields.kind')} rules={[req('kind')]} extra={t('schoolAdmin.kindHelp')}>
        <EnumSelect group="schoolKind" getPopupContainer={inDrawer} />
      </Form.Item>
      <Form.Item
        name="student_count"
        label={t('schoolAdmin.fields.student_count')}
        rules={[
          req('student_count'),
          {
            type: 'integer',
            min: 0,
            max: MAX_STUDENTS,
            message: t('schoolAdmin.studentRange', { max: MAX_STUDENTS.toLocaleString(i18n.language) }),
          },
        ]}
      >
        {/* No min/max on the input itself: it would silently clamp a typing mistake. */}
        <InputNumber precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Space>
    </Form>
  );
}

function pick(school: SchoolRecord): SchoolInput {
  return Object.fromEntries(FIELDS.map((field) => [field, school[field]])) as SchoolInput;
}
