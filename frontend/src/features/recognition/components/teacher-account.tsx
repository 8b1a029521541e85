import { KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Paginated } from '@/lib/api-client';
import { errorText } from '@/lib/error-text';
import type { components } from '@/types/api';

type Account = Pick<components['schemas']['User'], 'id' | 'username' | 'is_active' | 'must_change_password'>;
type Created = components['schemas']['TeacherAccount'];

/** School HR (or the province) gives a teacher an account with a one-time password. */
export function TeacherAccountCard({ teacher }: { teacher: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['recognition', 'teacher-account', teacher];
  const accounts = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api<Paginated<Account>>('/users/', { params: { teacher, is_active: true }, signal }),
  });
  const [created, setCreated] = useState<Created | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api<Created[]>('/users/teacher-accounts/', { method: 'POST', body: { teachers: [teacher] } }),
    onSuccess: (rows) => {
      setCreated(rows[0] ?? null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const account = accounts.data?.results[0];
  return (
    <Card size="small" title={t('recognition.account.title')}>
      {account ? (
        <Typography.Text data-testid="teacher-account">
          {account.username}
          {account.must_change_password ? ` · ${t('recognition.account.firstLogin')}` : ''}
        </Typography.Text>
      ) : (
        <Button icon={<KeyOutlined />} loading={create.isPending} onClick={() => create.mutate()} data-testid="create-account">
          {t('recognition.account.create')}
        </Button>
      )}
      <Modal open={!!created} onCancel={() => setCreated(null)} onOk={() => setCreated(null)} title={t('recognition.account.created')}>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('recognition.account.handOver')} />
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('recognition.account.username')}>
            <span data-testid="new-username">{created?.username}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('recognition.account.password')}>
            <Typography.Text code copyable data-testid="new-password">{created?.password}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Modal>
    </Card>
  );
}
