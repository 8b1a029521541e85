import { KeyOutlined, StopOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { PasswordHandOverModal, usePasswordHandOver } from '@/components/ui/password-hand-over';
import { api, type Paginated } from '@/lib/api-client';
import { errorText } from '@/lib/error-text';
import type { components } from '@/types/api';

type Account = Pick<components['schemas']['User'], 'id' | 'username' | 'is_active' | 'must_change_password'>;
type Created = components['schemas']['TeacherAccount'];
type Reset = components['schemas']['PasswordReset'];

/** The active account first; else the latest deactivated one (to activate it again). */
function shownAccount(rows: Account[] | undefined): Account | undefined {
  if (!rows?.length) return undefined;
  return rows.find((row) => row.is_active) ?? [...rows].sort((a, b) => b.id - a.id)[0];
}

/** School HR (or the province) gives a teacher an account with a one-time password, resets a
 * forgotten password (a new one-time password, changed at the next sign-in) and deactivates
 * or activates the account. */
export function TeacherAccountCard({ teacher }: { teacher: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['recognition', 'teacher-account', teacher];
  const accounts = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<Paginated<Account>>('/users/', { params: { teacher }, signal }),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
  const { show, dialog } = usePasswordHandOver();
  const create = useMutation({
    mutationFn: () =>
      api<Created[]>('/users/teacher-accounts/', { method: 'POST', body: { teachers: [teacher] } }),
    onSuccess: (rows) => {
      const row = rows[0];
      if (row?.username && row.password) show({ username: row.username, password: row.password, reset: false });
      refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const reset = useMutation({
    mutationFn: (id: number) => api<Reset>(`/users/${id}/reset-password/`, { method: 'POST' }),
    onSuccess: (row) => {
      show({ ...row, reset: true });
      refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const activate = useMutation({
    mutationFn: ({ id, is_active }: { id: number; is_active: boolean }) =>
      api<Account>(`/users/${id}/`, { method: 'PATCH', body: { is_active } }),
    onSuccess: (row) => {
      void message.success(t(row.is_active ? 'recognition.account.activated' : 'recognition.account.deactivatedDone'));
      refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const account = shownAccount(accounts.data?.results);
  return (
    <Card size="small" title={t('recognition.account.title')}>
      {account ? (
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Space wrap size={[8, 4]}>
            <Typography.Text data-testid="teacher-account">{account.username}</Typography.Text>
            {!account.is_active ? (
              <Tag>{t('recognition.account.deactivated')}</Tag>
            ) : account.must_change_password ? (
              <Tag color="gold">{t('recognition.account.mustChange')}</Tag>
            ) : null}
          </Space>
          <Space wrap size={[8, 8]}>
            {account.is_active ? (
              <>
                <Popconfirm
                  title={t('recognition.account.resetConfirm')}
                  okText={t('recognition.account.resetOk')}
                  onConfirm={() => reset.mutate(account.id)}
                >
                  <Button icon={<KeyOutlined />} loading={reset.isPending}>
                    {t('recognition.account.reset')}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t('recognition.account.deactivateConfirm')}
                  okText={t('recognition.account.deactivateOk')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => activate.mutate({ id: account.id, is_active: false })}
                >
                  <Button danger icon={<StopOutlined />} loading={activate.isPending}>
                    {t('recognition.account.deactivate')}
                  </Button>
                </Popconfirm>
              </>
            ) : (
              <Popconfirm
                title={t('recognition.account.activateConfirm')}
                okText={t('recognition.account.activateOk')}
                onConfirm={() => activate.mutate({ id: account.id, is_active: true })}
              >
                <Button icon={<UnlockOutlined />} loading={activate.isPending}>
                  {t('recognition.account.activate')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Space>
      ) : (
        <Button icon={<KeyOutlined />} loading={create.isPending} onClick={() => create.mutate()} data-testid="create-account">
          {t('recognition.account.create')}
        </Button>
      )}
      <PasswordHandOverModal {...dialog} />
    </Card>
  );
}
