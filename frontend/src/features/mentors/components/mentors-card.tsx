import { Card, Input, Table, Typography, type TableColumnType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { RowActions } from '@/components/ui/row-actions';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { useIsPhone } from '@/lib/breakpoints';
import { useListParams, useSearchBox } from '@/lib/list-params';

import { useMentors } from '../api/get-mentors';
import type { Mentor } from '../types/mentor';
import { MentorModal } from './mentor-modal';
import { useTableScroll } from '@/lib/table-scroll';

const PAGE_SIZE = 10;
/** Its keys in the address carry `m_` (`m_search`, `m_page`): the appointments share the page. */
const LIST_KEYS = ['search'] as const;

type Column = TableColumnType<Mentor>;

/** The mentors this user may see (a school HR: those appointed at the school). */
export function MentorsCard() {
  const { t } = useTranslation();
  const tableScroll = useTableScroll(800);
  const label = useEnumLabel();
  const list = useListParams(LIST_KEYS, 'm');
  const search = list.values.search;
  // The box shows the list's search (lib/list-params.useSearchBox).
  const [searchText, setSearchText] = useSearchBox(search);
  const mentors = useMentors({ page: list.page, page_size: PAGE_SIZE, ordering: 'name', search });
  const [editing, setEditing] = useState<Mentor | null>(null);
  const isPhone = useIsPhone();

  const name: Column = {
    title: t('mentors.fields.name'),
    dataIndex: 'name',
    // On a phone the enterprise goes under the name, so that the category comes next.
    render: (v: string, row) =>
      <TwoLineCell main={v} sub={isPhone && row.enterprise} subTestId="mentor-enterprise" />,
  };
  const idNumber: Column = { title: t('mentors.fields.id_number'), dataIndex: 'id_number' };
  // Null where the ID number is masked (a record of the province's): only its birth year shows.
  const age: Column = {
    title: t('mentors.fields.age'),
    dataIndex: 'age',
    align: 'right',
    render: (v: number | null) => v ?? '—',
  };
  const enterprise: Column = { title: t('mentors.fields.enterprise'), dataIndex: 'enterprise' };
  const category: Column = {
    title: t('mentors.fields.category'),
    dataIndex: 'category',
    render: (v: string) => label('mentorCategory', v),
  };
  const title: Column = { title: t('mentors.fields.title'), dataIndex: 'title', render: (v: string) => v || '—' };
  const actions: Column = {
    title: t('common.actions'),
    key: 'actions',
    // A mentor another school appoints too is the province's record: school HR read it masked
    // and the API refuses their edit, so the row says who keeps it instead.
    render: (_: unknown, row) =>
      row.editable ? (
        <RowActions onEdit={() => setEditing(row)} />
      ) : (
        <Typography.Text type="secondary" title={t('mentors.provinceRecordHint')} data-testid="province-record">
          {t('mentors.provinceRecord')}
        </Typography.Text>
      ),
  };
  const columns = isPhone
    ? [name, category, age, actions, title, idNumber]
    : [name, idNumber, age, enterprise, category, title, actions];

  return (
    <Card
      title={t('mentors.mentorsList')}
      extra={
        <Input.Search
          allowClear
          data-testid="mentor-search"
          placeholder={t('mentors.searchPlaceholder')}
          style={{ maxWidth: 220 }}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => list.set({ search: value.trim() })}
        />
      }
    >
      {mentors.isError ? (
        <ErrorState error={mentors.error} onRetry={() => void mentors.refetch()} />
      ) : (
        <Table<Mentor>
          rowKey="id"
          size="middle"
          loading={mentors.isFetching}
          dataSource={mentors.data?.results}
          locale={{ emptyText: <EmptyState description={t(list.filtered ? 'common.noMatch' : 'mentors.noMentors')} /> }}
          scroll={tableScroll}
          pagination={{
            current: list.page,
            pageSize: PAGE_SIZE,
            total: mentors.data?.count ?? 0,
            onChange: list.setPage,
            showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
          }}
          columns={columns}
        />
      )}
      {editing && <MentorModal mentor={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
