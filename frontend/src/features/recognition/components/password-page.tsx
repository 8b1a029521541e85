import { Alert, Button, Card, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

import { api, ApiError } from '@/lib/api-client';
import { homePathFor, meQueryKey, useMe, type Me } from '@/lib/auth';

type Values = { old_password: string; new_password: string; confirm: string };

/** Change one's own password; required before anything else after a first login. */
export function PasswordPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe().data;

  const submit = async (values: Values) => {
    try {
      const updated = await api<Me>('/auth/password/', {
        method: 'POST',
        body: { old_password: values.old_password, new_password: values.new_password },
      });
      queryClient.setQueryData(meQueryKey, updated);
      navigate(homePathFor(updated), { replace: true });
    } catch (error) {
      if (error instanceof ApiError) {
        form.setFields(
          Object.entries(error.fieldErrors()).map(([name, errors]) => ({
            name: name as keyof Values,
            errors,
          })),
        );
      } else throw error;
    }
  };

  return (
    <Card title={t('recognition.password.title')} style={{ maxWidth: 480, margin: '0 auto' }}>
      {me?.must_change_password && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('recognition.password.required')} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="password-form">
        <Form.Item name="old_password" label={t('recognition.password.old')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="new_password" label={t('recognition.password.new')} rules={[{ required: true, min: 8 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('recognition.password.confirm')}
          dependencies={['new_password']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                value === getFieldValue('new_password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('recognition.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          {t('recognition.password.save')}
        </Button>
      </Form>
    </Card>
  );
}
