import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/lib/api-client';
import { useLogin, type LoginInput, type Me } from '@/lib/auth';

export function LoginForm({ onSuccess }: { onSuccess: (me: Me) => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const error = login.error;
  const messages =
    error instanceof ApiError
      ? Object.values(error.fieldErrors()).flat().concat(error.body.detail ? [error.body.detail] : [])
      : error
        ? [String(error.message)]
        : [];

  return (
    <Form<LoginInput>
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => login.mutate(values, { onSuccess })}
    >
      {messages.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('auth.loginFailed')}
          description={messages.join(' ')}
        />
      )}
      <Form.Item
        name="username"
        label={t('auth.username')}
        rules={[{ required: true, message: t('auth.usernameRequired') }]}
      >
        {/* Sign-in is exact about case: a phone must not capitalise the first letter. */}
        <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" autoCorrect="off" spellCheck={false} autoFocus />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('auth.password')}
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {t('auth.login')}
      </Button>
    </Form>
  );
}
