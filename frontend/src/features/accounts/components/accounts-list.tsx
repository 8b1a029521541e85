import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnType, TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EnumSelect, useEnumLabel } from '@/components/ui/enum-label';
import { PasswordHandOverModal, usePasswordHandOver } from '@/components/ui/password-hand-over';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { enums } from '@/config/enums';
import { useMe } from '@/lib/auth';
import { useIsPhone } from '@/lib/breakpoints';
import { formatDateTimeInChina } from '@/lib/dates';
import { errorText } from '@/lib/error-text';
import { oneOf, orderingOf, sortOrderOf, useListParams, useSearchBox } from '@/lib/list-params';
import { cityLabel, useCities, useSchoolNames } from '@/lib/reference-data';

import { useDeactivateAccount } from '../api/deactivate-account';
import { useAccounts } from '../api/get-accounts';
import { useBaseOptions } from '../api/get-base-options';
import { useResetPassword } from '../api/reset-password';
import { useSaveAccount } from '../api/save-account';
import type { Account, AccountParams } from '../types/account';
import { AccountModal } from './account-modal';
import { useTableScroll } from '@/lib/table-scroll';

type Column = TableColumnType<Account>;

const PAGE_SIZE = 20;
/** Kept in the address: `?search=…&role=school_hr&is_active=false&ordering=-last_login&page=2`. */
const LIST_KEYS = ['search', 'role', 'is_active', 'ordering'] as const;
/** The list's order unless a column is sorted: left out of the address. */
const DEFAULT_ORDERING = 'username';
/** The orderings the API offers (UserViewSet.ordering_fields), either way. */
const ORDERINGS = ['username', 'role', 'last_login'].flatMap((field) => [field, `-${field}`]);

/** The province's accounts: search, filter by role or state, create, edit, reset a forgotten
 * password, deactivate. */
export function AccountsList() {
  const tableScroll = useTableScroll(900);
  const isPhone = useIsPhone();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const label = useEnumLabel();
  const me = useMe().data;
  const list = useListParams(LIST_KEYS);
  const isActive = oneOf(list.values.is_active, ['true', 'false'] as const);
  // Only what the API takes: an unknown role or order from a hand-edited link is left out.
  const params: AccountParams = {
    page: list.page,
    page_size: PAGE_SIZE,
    search: list.values.search,
    role: oneOf(list.values.role, enums.role),
    is_active: isActive === undefined ? undefined : isActive === 'true',
    ordering: oneOf(list.values.ordering, ORDERINGS) ?? DEFAULT_ORDERING,
  };
  const filtered = Boolean(params.search || params.role || isActive);
  // The box shows the list's search (lib/list-params.useSearchBox).
  const [searchText, setSearchText] = useSearchBox(params.search);
  const accounts = useAccounts(params);
  const deactivate = useDeactivateAccount();
  const reactivate = useSaveAccount();
  const reset = useResetPassword();
  const handOver = usePasswordHandOver();
  const cities = useCities();
  const bases = useBaseOptions();
  // A school-scoped account names its school: read by id (the rows hold only the id; a page of
  // schools did not hold every school).
  const schoolNames = useSchoolNames(
    accounts.data?.results.map((row) => (row.teacher_name ? null : row.school)) ?? [],
  );
  const [editing, setEditing] = useState<Account | null | undefined>(undefined);

  const names = useMemo(
    () => ({
      city: new Map(cities.data?.results.map((c) => [c.id, cityLabel(c, i18n.language)])),
      school: schoolNames,
      base: new Map(bases.data?.results.map((b) => [b.id, b.name])),
    }),
    [cities.data, schoolNames, bases.data, i18n.language],
  );
  const scopeOf = (row: Account) =>
    (row.teacher_name && [row.teacher_name, row.teacher_school_name].filter(Boolean).join(' · ')) ||
    (row.school && names.school.get(row.school)) ||
    (row.training_base && names.base.get(row.training_base)) ||
    (row.city && names.city.get(row.city)) ||
    (row.role === 'province' ? t('accounts.wholeProvince') : '—');

  const fullName = (row: Account) => `${row.first_name}${row.last_name}` || '—';
  // On a phone the name goes under the username and the scope under the role, so that who an
  // account is, what it may do and whether it is on fit the first screen.
  const username: Column = {
    title: t('accounts.fields.username'),
    dataIndex: 'username',
    sorter: true,
    sortOrder: sortOrderOf(params.ordering, 'username'),
    render: (v: string, row) => <TwoLineCell main={v} sub={isPhone && fullName(row)} subTestId="account-name" />,
  };
  const name: Column = { title: t('accounts.fields.full_name'), key: 'name', render: (_, row) => fullName(row) };
  const role: Column = {
    title: t('accounts.fields.role'),
    dataIndex: 'role',
    sorter: true,
    sortOrder: sortOrderOf(params.ordering, 'role'),
    render: (v: string, row) =>
      <TwoLineCell main={label('role', v)} sub={isPhone && scopeOf(row)} subTestId="account-scope" />,
  };
  const scope: Column = { title: t('accounts.fields.scope'), key: 'scope', render: (_, row) => scopeOf(row) };
  const stateAndActions: Column[] = [
    {
      title: t('accounts.fields.is_active'),
      dataIndex: 'is_active',
      // A teacher's account whose teacher has left stays on but cannot sign in: say so.
      render: (active: boolean, row) =>
        !active ? (
          <Tag>{t('accounts.inactive')}</Tag>
        ) : row.teacher_left ? (
          <Tooltip title={t('accounts.teacherLeftHint')}>
            <Tag color="orange">{t('accounts.teacherLeft')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="green">{t('accounts.active')}</Tag>
        ),
    },
    { title: t('accounts.fields.last_login'), dataIndex: 'last_login', sorter: true, sortOrder: sortOrderOf(params.ordering, 'last_login'), render: (v: string | null) => formatDateTimeInChina(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, row) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(row)}>
            {t('common.edit')}
          </Button>
          {/* Not one's own (the password page, with the current one), nor an account that cannot
              sign in: the API refuses those too. */}
          {row.id !== me?.id && row.is_active && !row.teacher_left && (
            <Popconfirm
              title={t('accounts.confirmReset', { username: row.username })}
              okText={t('accounts.resetOk')}
              styles={{ root: { maxWidth: 'min(420px, 90vw)' } }}
              onConfirm={() =>
                reset.mutate(row.id, {
                  onSuccess: (done) => handOver.show({ ...done, reset: true }),
                  onError: (error) => void message.error(errorText(error)),
                })
              }
            >
              <Button type="link" size="small">
                {t('accounts.resetPassword')}
              </Button>
            </Popconfirm>
          )}
          {row.id === me?.id ? null : row.is_active ? (
            <Popconfirm
              title={t('accounts.confirmDeactivate', { username: row.username })}
              onConfirm={() =>
                deactivate.mutate(row.id, {
                  onSuccess: () => void message.success(t('accounts.deactivated')),
                  onError: (error) => void message.error(errorText(error)),
                })
              }
            >
              <Button type="link" size="small" danger>
                {t('accounts.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              type="link"
              size="small"
              onClick={() =>
                reactivate.mutate(
                  { id: row.id, is_active: true },
                  { onError: (error) => void message.error(errorText(error)) },
                )
              }
            >
              {t('accounts.reactivate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  const columns = isPhone ? [username, role, ...stateAndActions] : [username, name, role, scope, ...stateAndActions];

  // A new order starts at the first page; a page turn keeps the order.
  const onChange: TableProps<Account>['onChange'] = (pagination, _filters, sorter, { action }) => {
    if (action !== 'sort') return list.setPage(pagination.current ?? 1);
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const ordering = orderingOf(s?.field, s?.order) ?? DEFAULT_ORDERING;
    list.set({ ordering: ordering === DEFAULT_ORDERING ? undefined : ordering });
  };

  return (
    <Card
      title={t('accounts.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {t('accounts.add')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('common.search')}
          placeholder={t('accounts.searchPlaceholder')}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => list.set({ search: value.trim() })}
          style={{ width: 220 }}
        />
        <EnumSelect
          group="role"
          allowClear
          aria-label={t('accounts.fields.role')}
          placeholder={t('accounts.fields.role')}
          style={{ width: 140 }}
          value={params.role}
          onChange={(role?: string) => list.set({ role })}
        />
        <Select
          allowClear
          aria-label={t('accounts.fields.is_active')}
          placeholder={t('accounts.fields.is_active')}
          style={{ width: 120 }}
          value={isActive}
          onChange={(value?: string) => list.set({ is_active: value })}
          options={[
            { value: 'true', label: t('accounts.active') },
            { value: 'false', label: t('accounts.inactive') },
          ]}
        />
      </Space>
      {accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : (
        <Table<Account>
          rowKey="id"
          size="middle"
          loading={accounts.isFetching}
          dataSource={accounts.data?.results}
          columns={columns}
          onChange={onChange}
          locale={{ emptyText: <EmptyState description={filtered ? t('common.noMatch') : undefined} /> }}
          scroll={tableScroll}
          pagination={{
            current: list.page,
            pageSize: PAGE_SIZE,
            total: accounts.data?.count ?? 0,
            showSizeChanger: false,
            showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
          }}
        />
      )}
      {editing !== undefined && <AccountModal account={editing} onClose={() => setEditing(undefined)} />}
      <PasswordHandOverModal {...handOver.dialog} notice={t('accounts.resetHandOver')} />
    </Card>
  );
}
