import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, Typography, type TableColumnType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { useIsPhone } from '@/lib/breakpoints';
import { formatDate } from '@/lib/format';
import { useListParams } from '@/lib/list-params';

import { useDeleteProgram } from '../api/delete-program';
import { usePrograms } from '../api/get-programs';
import type { TrainingProgram } from '../types/training';
import { ProgramModal } from './program-modal';
import { useDeleteNotices, useRowActionsColumns } from '@/components/ui/row-actions';
import { useTableScroll } from '@/lib/table-scroll';

const PAGE_SIZE = 10;
/** Its page is `p_page` in the address: the completions share the page (`c_…`). */
const NO_KEYS = [] as const;

type Column = TableColumnType<TrainingProgram>;

export function ProgramsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const tableScroll = useTableScroll(700);
  const isPhone = useIsPhone();
  const deleteNotices = useDeleteNotices();
  const label = useEnumLabel();
  const list = useListParams(NO_KEYS, 'p');
  const programs = usePrograms({ page: list.page, page_size: PAGE_SIZE, ordering: '-start_on' });
  const remove = useDeleteProgram();
  const [editing, setEditing] = useState<TrainingProgram | null | undefined>(undefined);

  // A phone shows the whole row in its first screen: the title wraps in a column of its own
  // width, with the kind and the dates under it (every row is the user's own base's, so the
  // base would say nothing), then the hours and the icons.
  const title: Column = isPhone
    ? {
        title: t('training.fields.title'),
        dataIndex: 'title',
        width: 200,
        render: (v: string, row) => (
          <TwoLineCell
            main={v}
            sub={`${label('programKind', row.kind)} · ${formatDate(row.start_on)} ~ ${formatDate(row.end_on)}`}
            subTestId="program-kind"
          />
        ),
      }
    : { title: t('training.fields.title'), dataIndex: 'title' };
  const kind: Column = {
    title: t('training.fields.kind'),
    dataIndex: 'kind',
    render: (v: string) => label('programKind', v),
  };
  const hours: Column = { title: t('training.fields.hours'), dataIndex: 'hours', align: 'right', width: isPhone ? 56 : undefined };
  const dates: Column[] = [
    { title: t('training.fields.start_on'), dataIndex: 'start_on', render: formatDate },
    { title: t('training.fields.end_on'), dataIndex: 'end_on', render: formatDate },
  ];
  const actions = useRowActionsColumns<TrainingProgram>(
    editable,
    (row) => ({ onEdit: () => setEditing(row), onDelete: () => remove.mutate(row.id, deleteNotices) }),
    isPhone ? 64 : undefined,
  );
  const columns: Column[] = isPhone ? [title, hours, ...actions] : [title, kind, hours, ...dates, ...actions];
  const phoneWidth = columns.reduce((sum, column) => sum + Number(column.width ?? 0), 0);

  return (
    <Card
      title={t('training.programs')}
      extra={
        editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('training.addProgram')}
          </Button>
        )
      }
    >
      {programs.isError ? (
        <ErrorState error={programs.error} onRetry={() => void programs.refetch()} />
      ) : (
        <Table<TrainingProgram>
          rowKey="id"
          size="middle"
          loading={programs.isFetching}
          dataSource={programs.data?.results}
          locale={{ emptyText: <EmptyState description={t('training.noPrograms')} /> }}
          scroll={isPhone ? { x: phoneWidth } : tableScroll}
          pagination={{
            current: list.page,
            pageSize: PAGE_SIZE,
            total: programs.data?.count ?? 0,
            onChange: list.setPage,
            showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
          }}
          columns={columns}
        />
      )}
      {editing !== undefined && <ProgramModal program={editing} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}
