import { App, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { SchoolSelect } from '@/components/ui/school-select';
import { useEnumOptions } from '@/components/ui/enum-label';
import { FormModal } from '@/components/ui/form-modal';
import type { Role } from '@/lib/auth';
import { applyServerErrors } from '@/lib/form-errors';
import { cityLabel, useCities } from '@/lib/reference-data';

import { useBaseOptions } from '../api/get-base-options';
import { useSaveAccount } from '../api/save-account';
import { scopeFieldOf, type Account, type AccountInput } from '../types/account';

/** Create or edit an account: the role, and the one scope that role needs. */
export function AccountModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useSaveAccount();
  const [errors, setErrors] = useState<string[]>([]);
  const role = (Form.useWatch('role', form) as Role | undefined) ?? account?.role;
  const scope = role ? scopeFieldOf[role] : null;
  const cities = useCities();
  // Teacher accounts are opened from the teacher list (the teacher is their scope): here a
  // teacher's account keeps its role, and no other account becomes one.
  const roleOptions = useEnumOptions('role').map((option) =>
    option.value === 'teacher' && account?.role !== 'teacher'
      ? { ...option, disabled: true, title: t('accounts.teacherRole') }
      : option,
  );
  const bases = useBaseOptions();

  const onFinish = (values: AccountInput) => {
    setErrors([]);
    const data: AccountInput = { ...values };
    // Only the scope the role needs (and an expert's optional school); the others are cleared.
    for (const field of ['city', 'school', 'training_base'] as const)
      if (field !== scope && !(field === 'school' && role === 'expert')) data[field] = null;
    if (role === 'expert') data.school ??= null; // cleared: no school
    if (!data.password) delete data.password;
    save.mutate(
      { ...data, id: account?.id },
      { onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        }, onError: (error) => setErrors(applyServerErrors(form, error)) },
    );
  };

  const req = (field: string) => ({ required: true, message: t('accounts.required', { field: t(`accounts.fields.${field}`) }) });

  return (
    <FormModal<AccountInput>
      id="account-form"
      title={account ? `${t('accounts.edit')} · ${account.username}` : t('accounts.add')}
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      saving={save.isPending}
      errors={errors}
      width={600}
      initialValues={account ?? { role: 'school_hr' }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="username" label={t('accounts.fields.username')} rules={[req('username')]}>
            <Input autoFocus autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="first_name" label={t('accounts.fields.full_name')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="role" label={t('accounts.fields.role')} rules={[req('role')]}>
            <Select options={roleOptions} disabled={account?.role === 'teacher'} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {account?.role === 'teacher' && (
            // A teacher account's scope is its teacher, for good (never re-pointed).
            <Form.Item label={t('accounts.fields.teacher')}>
              <Typography.Text data-testid="account-teacher">
                {[account.teacher_name, account.teacher_school_name].filter(Boolean).join(' · ') || '—'}
              </Typography.Text>
            </Form.Item>
          )}
          {scope === 'city' && (
            <Form.Item name="city" label={t('accounts.fields.city')} rules={[req('city')]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={cities.isPending}
                options={cities.data?.results.map((c) => ({ value: c.id, label: cityLabel(c, i18n.language) }))}
              />
            </Form.Item>
          )}
          {(scope === 'school' || role === 'expert') && (
            <Form.Item
              name="school"
              label={t('accounts.fields.school')}
              rules={scope === 'school' ? [req('school')] : []}
              extra={role === 'expert' ? t('accounts.expertSchool') : undefined}
            >
              <SchoolSelect allowClear={role === 'expert'} />
            </Form.Item>
          )}
          {scope === 'training_base' && (
            <Form.Item name="training_base" label={t('accounts.fields.training_base')} rules={[req('training_base')]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={bases.isPending}
                options={bases.data?.results.map((b) => ({ value: b.id, label: `${b.code} ${b.name}` }))}
              />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label={t('accounts.fields.email')} rules={[{ type: 'email', message: t('accounts.badEmail') }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="password"
            label={account ? t('accounts.fields.newPassword') : t('accounts.fields.password')}
            extra={account ? t('accounts.passwordKeep') : undefined}
            rules={account ? [] : [req('password')]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
