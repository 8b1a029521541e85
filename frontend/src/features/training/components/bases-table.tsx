import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';

import { EnumSelect, useEnumLabel } from '@/components/ui/enum-label';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { RowActions, useDeleteNotices } from '@/components/ui/row-actions';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { useIsPhone } from '@/lib/breakpoints';
import { enums } from '@/config/enums';
import { formatDate, formatPercent } from '@/lib/format';
import { oneOf, useListParams, useSearchBox } from '@/lib/list-params';
import { cityLabel, useCities } from '@/lib/reference-data';

import { useDeleteBase } from '../api/delete-base';
import { useBaseStats } from '../api/get-base-stats';
import { useBases } from '../api/get-bases';
import type { BaseStats, TrainingBase } from '../types/training';
import { BaseModal } from './base-modal';
import { BaseStatusHistory } from './bases-status-history';

const PAGE_SIZE = 20;
/** The province's page holds this list alone: its keys are the plain names. */
const LIST_KEYS = ['search', 'city', 'status', 'designation'] as const;
const statusColor: Record<string, string> = { planned: 'default', active: 'green', suspended: 'orange' };

/** Every training base with its figures; the province adds, edits and removes them. */
export function BasesTable({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const deleteNotices = useDeleteNotices();
  const label = useEnumLabel();
  const isPhone = useIsPhone();
  const list = useListParams(LIST_KEYS);
  const search = list.values.search;
  // Values the API does not know (an old or hand-edited link) are left out, not sent for a 400:
  // a city is asked for once it is one of the cities.
  const status = oneOf(list.values.status, enums.baseStatus);
  const designation = oneOf(list.values.designation, enums.designation);
  const cities = useCities();
  const cityId = list.values.city === undefined ? undefined : Number(list.values.city);
  const city = cities.data?.results.some((c) => c.id === cityId) ? cityId : undefined;
  const checkingCity = cityId !== undefined && cities.isPending;
  const filtered = Boolean(search || status || designation || city);
  // The box shows the list's search (lib/list-params.useSearchBox).
  const [searchText, setSearchText] = useSearchBox(search);
  const bases = useBases(
    { page: list.page, page_size: PAGE_SIZE, ordering: 'code', search, city, status, designation },
    { enabled: !checkingCity },
  );
  const stats = useBaseStats();
  const remove = useDeleteBase();
  const [editing, setEditing] = useState<TrainingBase | null | undefined>(undefined);
  const statsById = useMemo(
    () => new Map<number, BaseStats>((stats.data ?? []).map((row) => [row.base.id, row])),
    [stats.data],
  );
  const figure = (id: number, pick: (row: BaseStats) => string | number) => {
    const row = statsById.get(id);
    return row ? pick(row) : stats.isPending ? '…' : '—';
  };

  // Every column has a width; their sum (960 px, 1,080 with the actions, 1,120 with the
  // expand column) fits a 1440-px desktop beside the menu (1,134 px in English), so the
  // figures show without a sideways scroll. The city and programme columns are wide enough
  // for "Jingdezhen" and "Programmes" on one line (round 33; the name wraps). Phones scroll
  // the table inside its card; there the code goes under the name and the actions are icons,
  // so the name and its actions fill the first screen.
  const columns: TableProps<TrainingBase>['columns'] = [
    ...(isPhone ? [] : [{ title: t('training.baseFields.code'), dataIndex: 'code', width: 70 }]),
    {
      title: t('training.baseFields.name'),
      dataIndex: 'name',
      width: isPhone ? 200 : 170,
      render: (name: string, row) => (
        <TwoLineCell
          main={name}
          sub={`${isPhone ? `${row.code} · ` : ''}${row.host_name} · ${label('hostKind', row.host_kind)}`}
          subTestId="base-host"
        />
      ),
    },
    {
      // city_name is the Chinese name: the city's label follows the screen's language.
      title: t('training.baseFields.city'),
      dataIndex: 'city_name',
      width: 104,
      render: (name: string, row) => {
        const city = cities.data?.results.find((c) => c.id === row.city);
        return city ? cityLabel(city, i18n.language) : name;
      },
    },
    {
      title: t('training.baseFields.designation'),
      dataIndex: 'designation',
      width: 100,
      render: (v: string) => label('designation', v),
    },
    {
      // The status with the date the base was approved under it (one column, not two).
      title: t('training.baseFields.status'),
      dataIndex: 'status',
      width: 120,
      render: (v: string, row) => (
        <Space orientation="vertical" size={0}>
          <Tag color={statusColor[v]}>{label('baseStatus', v)}</Tag>
          {row.approved_on && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Trans
                i18nKey="training.approvedOn"
                values={{ date: formatDate(row.approved_on) }}
                components={{ date: <span style={{ whiteSpace: 'nowrap' }} /> }}
              />
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('training.stats.programs'),
      key: 'programs',
      align: 'right',
      width: 116,
      render: (_, row) => figure(row.id, (s) => s.programs),
    },
    {
      title: t('training.stats.teachersTrained'),
      key: 'trained',
      align: 'right',
      width: 90,
      render: (_, row) => figure(row.id, (s) => s.teachers_trained),
    },
    {
      title: t('training.stats.passRate'),
      key: 'pass_rate',
      align: 'right',
      width: 80,
      render: (_, row) => figure(row.id, (s) => formatPercent(s.pass_rate)),
    },
    {
      title: t('training.stats.qualifiedThrough'),
      key: 'qualified_through',
      align: 'right',
      width: 110,
      render: (_, row) => figure(row.id, (s) => s.qualified_through),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            // "Edit  Delete" in English needs 105; on a phone the icons need 64 but the
            // header "Actions" 70 (at 64 it broke as "Action s"), kept on one line.
            width: isPhone ? 80 : 120,
            onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
            render: (_: unknown, row: TrainingBase) => (
              <RowActions onEdit={() => setEditing(row)} onDelete={() => remove.mutate(row.id, deleteNotices)} tight />
            ),
          },
        ]
      : []),
  ];

  const expandWidth = 40; // the expand column's, beside the columns below
  const tableWidth = columns.reduce((sum, column) => sum + Number(column.width ?? 0), expandWidth);

  return (
    <Card
      title={t('training.bases')}
      extra={
        editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('training.addBase')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('common.search')}
          placeholder={t('training.searchBases')}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => list.set({ search: value.trim() })}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          aria-label={t('training.baseFields.city')}
          placeholder={t('training.baseFields.city')}
          style={{ width: 140 }}
          value={city}
          onChange={(value?: number) => list.set({ city: value })}
          options={cities.data?.results.map((c) => ({ value: c.id, label: cityLabel(c, i18n.language) }))}
        />
        <EnumSelect
          group="baseStatus"
          allowClear
          aria-label={t('training.baseFields.status')}
          placeholder={t('training.baseFields.status')}
          style={{ width: 120 }}
          value={status}
          onChange={(value?: string) => list.set({ status: value })}
        />
        <EnumSelect
          group="designation"
          allowClear
          aria-label={t('training.baseFields.designation')}
          placeholder={t('training.baseFields.designation')}
          style={{ width: 120 }}
          value={designation}
          onChange={(value?: string) => list.set({ designation: value })}
        />
      </Space>
      {bases.isError ? (
        <ErrorState error={bases.error} onRetry={() => void bases.refetch()} />
      ) : (
        <Table<TrainingBase>
          rowKey="id"
          size="middle"
          loading={bases.isFetching || checkingCity}
          dataSource={bases.data?.results}
          columns={columns}
          locale={{ emptyText: <EmptyState description={filtered ? t('common.noMatch') : undefined} /> }}
          scroll={{ x: tableWidth }}
          // Each base opens onto its dated status (DESIGN §3), which no column can hold.
          expandable={{
            expandedRowRender: (row) => <BaseStatusHistory base={row} />,
            columnWidth: expandWidth,
          }}
          pagination={{
            current: list.page,
            pageSize: PAGE_SIZE,
            total: bases.data?.count ?? 0,
            onChange: list.setPage,
            showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
          }}
        />
      )}
      {editing !== undefined && <BaseModal base={editing} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}
