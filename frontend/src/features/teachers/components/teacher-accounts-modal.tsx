import { Alert, Modal, Table, Typography, type TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';

import { TwoLineCell } from '@/components/ui/two-line-cell';
import { useIsPhone } from '@/lib/breakpoints';

import type { TeacherAccount } from '../api/create-teacher-accounts';

type Column = TableColumnType<TeacherAccount>;

/** The accounts just made, with their initial passwords: shown once, to hand over. A teacher
 * refused (one who has left) has no account: the row says why; the others are made. */
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
  const isPhone = useIsPhone();
  const name = (row: TeacherAccount) => names.get(row.teacher) ?? String(row.teacher);
  const refused = accounts.filter((row) => row.status === 'refused').length;
  const password: Column = {
    title: t('teachers.accounts.password'),
    dataIndex: 'password',
    render: (v: string | null, row) =>
      row.status === 'refused' ? (
        <Typography.Text type="danger">{row.reason}</Typography.Text>
      ) : v ? (
        <Typography.Text code copyable>
          {v}
        </Typography.Text>
      ) : (
        t('teachers.accounts.existed')
      ),
  };
  // On a phone the username goes under the name, so that the password fits beside them in
  // the dialog without a sideways scroll.
  const columns: Column[] = isPhone
    ? [
        {
          title: t('teachers.fields.name'),
          key: 'name',
          render: (_v, row) => <TwoLineCell main={name(row)} sub={row.username} subTestId="account-username" />,
        },
        password,
      ]
    : [
        { title: t('teachers.fields.name'), key: 'name', render: (_v, row) => name(row) },
        { title: t('teachers.accounts.username'), dataIndex: 'username' },
        password,
      ];
  return (
    <Modal open title={t('teachers.accounts.title')} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }}>
      {accounts.some((row) => row.password) && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('teachers.accounts.handOver')} />
      )}
      {refused > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="teacher-accounts-refused"
          title={t('teachers.accounts.refused', { count: refused })}
        />
      )}
      <Table<TeacherAccount>
        rowKey="teacher"
        size="small"
        pagination={false}
        dataSource={accounts}
        data-testid="teacher-accounts"
        scroll={isPhone ? undefined : { x: 420 }}
        columns={columns}
      />
    </Modal>
  );
}
