import { Alert, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { TeacherAccount } from '../api/create-teacher-accounts';

/** The accounts just made, with their initial passwords: shown once, to hand over. */
export function TeacherAccountsModal({
  accounts,
  names,
  onClose,
}: {
  accounts: TeacherAccount[];
  names: Map<number, string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal open title={t('teachers.accounts.title')} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }}>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('teachers.accounts.handOver')} />
      <Table<TeacherAccount>
        rowKey="teacher"
        size="small"
        pagination={false}
        dataSource={accounts}
        data-testid="teacher-accounts"
        scroll={{ x: 420 }}
        columns={[
          { title: t('teachers.fields.name'), key: 'name', render: (_v, row) => names.get(row.teacher) ?? row.teacher },
          { title: t('teachers.accounts.username'), dataIndex: 'username' },
          {
            title: t('teachers.accounts.password'),
            dataIndex: 'password',
            render: (v: string | null) =>
              v ? (
                <Typography.Text code copyable>
                  {v}
                </Typography.Text>
              ) : (
                t('teachers.accounts.existed')
              ),
          },
        ]}
      />
    </Modal>
  );
}
