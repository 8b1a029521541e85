import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EnumSelect, useEnumLabel } from '@/components/ui/enum-label';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { enums } from '@/config/enums';
import { todayInChinaText } from '@/lib/dates';
import { formatDate } from '@/lib/format';
import { oneOf, useListParams, useSearchBox } from '@/lib/list-params';

import { useDeleteAppointment } from '../api/delete-appointment';
import { useAppointments } from '../api/get-appointments';
import type { Appointment } from '../types/mentor';
import { AppointmentModal } from './appointment-modal';
import { useDeleteNotices, useRowActionsColumns } from '@/components/ui/row-actions';
import { personSchoolColumns } from '@/components/ui/two-line-cell';
import { useIsPhone } from '@/lib/breakpoints';
import { useTableScroll } from '@/lib/table-scroll';

const PAGE_SIZE = 20;
/** Its keys in the address carry `a_` (`a_search`, `a_mode`, `a_page`): the mentors share the page. */
const LIST_KEYS = ['search', 'mode'] as const;

export function AppointmentsCard({ showSchool }: { showSchool: boolean }) {
  const { t } = useTranslation();
  const tableScroll = useTableScroll(800);
  const deleteNotices = useDeleteNotices();
  const isPhone = useIsPhone();
  const label = useEnumLabel();
  const list = useListParams(LIST_KEYS, 'a');
  const search = list.values.search;
  // A mode the API does not know (an old or hand-edited link) is left out, not sent for a 400.
  const mode = oneOf(list.values.mode, enums.appointmentMode);
  // The box shows the list's search (lib/list-params.useSearchBox).
  const [searchText, setSearchText] = useSearchBox(search);
  const appointments = useAppointments({ page: list.page, page_size: PAGE_SIZE, ordering: '-start_on', search, mode });
  const remove = useDeleteAppointment();
  const [editing, setEditing] = useState<Appointment | null | undefined>(undefined);
  const today = todayInChinaText();
  // The province's list: on a phone the school goes under the mentor's name, so that the mode
  // and the dates come next. School HR's list has no school column (it is theirs on every row).
  const { person: mentor, school } = personSchoolColumns<Appointment>(
    isPhone && showSchool,
    { person: t('mentors.fields.mentor'), school: t('mentors.fields.school') },
    'appointment-school',
    'mentor_name',
  );
  const actions = useRowActionsColumns<Appointment>(true, (row) => ({
    onEdit: () => setEditing(row),
    onDelete: () => remove.mutate(row.id, deleteNotices),
  }));

  return (
    <Card
      title={t('mentors.appointments')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {t('mentors.add')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('common.search')}
          placeholder={t('mentors.searchPlaceholder')}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => list.set({ search: value.trim() })}
          style={{ width: 220 }}
        />
        <EnumSelect
          group="appointmentMode"
          allowClear
          aria-label={t('mentors.fields.mode')}
          placeholder={t('mentors.fields.mode')}
          style={{ width: 140 }}
          value={mode}
          onChange={(value?: string) => list.set({ mode: value })}
        />
      </Space>
      {appointments.isError ? (
        <ErrorState error={appointments.error} onRetry={() => void appointments.refetch()} />
      ) : (
        <Table<Appointment>
          rowKey="id"
          size="middle"
          loading={appointments.isFetching}
          dataSource={appointments.data?.results}
          locale={{ emptyText: <EmptyState description={t(search || mode ? 'common.noMatch' : 'mentors.noAppointments')} /> }}
          scroll={tableScroll}
          pagination={{
            current: list.page,
            pageSize: PAGE_SIZE,
            total: appointments.data?.count ?? 0,
            onChange: list.setPage,
            showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
          }}
          columns={[
            ...(showSchool && !isPhone ? [mentor, school] : [mentor]),
            { title: t('mentors.fields.mode'), dataIndex: 'mode', render: (v: string) => label('appointmentMode', v) },
            { title: t('mentors.fields.start_on'), dataIndex: 'start_on', render: formatDate },
            {
              title: t('mentors.fields.end_on'),
              dataIndex: 'end_on',
              render: (v: string | null) =>
                v ? (
                  <Space size={4}>
                    {formatDate(v)}
                    {v < today && <Tag>{t('mentors.ended')}</Tag>}
                  </Space>
                ) : (
                  t('common.ongoing')
                ),
            },
            { title: t('mentors.fields.hours'), dataIndex: 'hours', align: 'right' as const },
            ...actions,
          ]}
        />
      )}
      {editing !== undefined && <AppointmentModal appointment={editing} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}
