import { KeyOutlined, StopOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Paginated } from '@/lib/api-client';
import { errorText } from '@/lib/error-text';
import type { components } from '@/types/api';

type Account = Pick<components['schemas']['User'], 'id' | 'username' | 'is_active' | 'must_change_password'>;
type Created = components['schemas']['TeacherAccount'];
type Reset = components['schemas']['PasswordReset'];
/** A password to hand over, shown once: a new account's or a reset's. */
type HandOver = { username: string; password: string; reset: boolean };

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
  const [handOver, setHandOver] = useState<HandOver | null>(null);
  const [shown, setShown] = useState(false);
  const show = (row: HandOver) => {
    setHandOver(row);
    setShown(true);
  };
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
  const close = () => setShown(false);
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
      <Modal
        open={shown}
        destroyOnHidden
        afterClose={() => setHandOver(null)} // shown once: gone from the page once closed
        onCancel={close}
        onOk={close}
        okText={t('recognition.account.done')}
        cancelButtonProps={{ style: { display: 'none' } }}
        title={t(handOver?.reset ? 'recognition.account.resetDone' : 'recognition.account.created')}
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(handOver?.reset ? 'recognition.account.resetHandOver' : 'recognition.account.handOver')}
        />
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('recognition.account.username')}>
            <span data-testid="new-username">{handOver?.username}</span>
          </Descriptions.Item>
          <Descriptions.Item
            label={t(handOver?.reset ? 'recognition.account.oneTimePassword' : 'recognition.account.password')}
          >
            <Typography.Text code copyable data-testid={handOver?.reset ? 'reset-password' : 'new-password'}>
              {handOver?.password}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Modal>
    </Card>
  );
}
