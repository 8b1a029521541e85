import { TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api, type Paginated } from '@/lib/api-client';
import type { components } from '@/types/api';

type TeacherRow = { id: number; name: string; staff_no: string };
type Account = Pick<components['schemas']['User'], 'id' | 'teacher'>;
type Created = components['schemas']['TeacherAccount'];

/** School HR opens accounts for several of its teachers at once; each initial password
 * is shown once, to hand over. */
export function BulkAccountsCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const teachers = useQuery({
    queryKey: ['recognition', 'bulk', 'teachers'],
    queryFn: ({ signal }) =>
      api<Paginated<TeacherRow>>('/teachers/', { params: { page_size: 200, active: true }, signal }),
  });
  const accounts = useQuery({
    queryKey: ['recognition', 'bulk', 'accounts'],
    queryFn: ({ signal }) =>
      api<Paginated<Account>>('/users/', { params: { role: 'teacher', is_active: true, page_size: 200 }, signal }),
  });
  const [chosen, setChosen] = useState<number[]>([]);
  const [created, setCreated] = useState<Created[]>([]);
  const create = useMutation({
    mutationFn: (ids: number[]) =>
      api<Created[]>('/users/teacher-accounts/', { method: 'POST', body: { teachers: ids } }),
    onSuccess: (rows) => {
      setCreated(rows);
      setChosen([]);
      void queryClient.invalidateQueries({ queryKey: ['recognition', 'bulk'] });
    },
  });
  const taken = new Set((accounts.data?.results ?? []).map((a) => a.teacher));
  const names = new Map((teachers.data?.results ?? []).map((row) => [row.id, row.name]));
  const options = (teachers.data?.results ?? [])
    .filter((row) => !taken.has(row.id))
    .map((row) => ({ value: row.id, label: `${row.name} ${row.staff_no}` }));
  return (
    <Card size="small" title={t('recognition.account.bulkTitle')}>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          placeholder={t('recognition.account.bulkPick')}
          value={chosen}
          onChange={setChosen}
          options={options}
          optionFilterProp="label"
          maxTagCount="responsive"
        />
        <Button
          type="primary"
          icon={<TeamOutlined />}
          disabled={!chosen.length}
          loading={create.isPending}
          onClick={() => create.mutate(chosen)}
        >
          {t('recognition.account.bulkCreate', { n: chosen.length })}
        </Button>
      </Space.Compact>
      {created.length > 0 && (
        <>
          <Alert type="warning" showIcon style={{ margin: '12px 0' }} message={t('recognition.account.handOver')} />
          <Table<Created>
            rowKey="teacher"
            size="small"
            pagination={false}
            dataSource={created}
            columns={[
              { title: t('recognition.teacher'), render: (_v, r) => names.get(r.teacher) ?? r.teacher },
              { title: t('recognition.account.username'), dataIndex: 'username' },
              {
                title: t('recognition.account.password'),
                dataIndex: 'password',
                render: (v: string | null) =>
                  v ? <Typography.Text code copyable>{v}</Typography.Text> : t('recognition.account.existed'),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
