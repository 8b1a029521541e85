import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ActionCard } from '@/components/ui/action-card';
import { LinkButton } from '@/components/ui/link-button';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { useDeleteNotices, useRowActionsColumns } from '@/components/ui/row-actions';
import { personSchoolColumns } from '@/components/ui/two-line-cell';
import { paths } from '@/config/paths';
import { useMe } from '@/lib/auth';
import { useIsPhone } from '@/lib/breakpoints';
import { formatDate } from '@/lib/format';
import { idFromParam, useListParams, useSearchBox } from '@/lib/list-params';
import { useTableScroll } from '@/lib/table-scroll';

import { useDeleteCompletion } from '../api/delete-completion';
import { useCompletions } from '../api/get-completions';
import { usePrograms } from '../api/get-programs';
import type { TrainingCompletion } from '../types/training';
import { CompletionModal } from './completion-modal';

const PAGE_SIZE = 20;
/** Its keys in the address carry `c_` (`c_search`, `c_program`, `c_page`): the programmes share the page. */
const LIST_KEYS = ['search', 'program'] as const;

type Column = TableColumnType<TrainingCompletion>;

/**
 * `editable`: completions can be corrected and deleted; `loggable` (default true): new ones
 * can be logged or imported (not at a base that is not operating).
 */
export function CompletionsCard({ editable, loggable = true }: { editable: boolean; loggable?: boolean }) {
  const { t } = useTranslation();
  const tableScroll = useTableScroll(900);
  const isPhone = useIsPhone();
  const role = useMe().data?.role;
  const deleteNotices = useDeleteNotices();
  const list = useListParams(LIST_KEYS, 'c');
  const search = list.values.search;
  const programs = usePrograms({ page_size: 200, ordering: '-start_on' });
  // A programme named by the address is asked for once it is one of the base's (a deleted
  // one, from an old link, is left out: the API answers an unknown id with a 400).
  const programId = idFromParam(list.values.program);
  const programKnown = programs.data?.results.some((p) => p.id === programId) ?? false;
  const program = programKnown ? programId : undefined;
  const checkingProgram = programId !== undefined && programs.isPending;
  // The box shows the list's search (lib/list-params.useSearchBox).
  const [searchText, setSearchText] = useSearchBox(search);
  const completions = useCompletions({
    page: list.page,
    page_size: PAGE_SIZE,
    search,
    program,
    ordering: '-completed_on',
  }, { enabled: !checkingProgram });
  const remove = useDeleteCompletion();
  const [editing, setEditing] = useState<TrainingCompletion | null | undefined>(undefined);

  // A phone: the school under the name, the result beside it (the rest scrolls).
  const { person: teacher, school } = personSchoolColumns<TrainingCompletion>(
    isPhone,
    { person: t('training.fields.teacher'), school: t('training.fields.school') },
    'completion-school',
    'teacher_name',
  );
  // A completion the province voided never counts (DESIGN §4): say so instead of its result.
  const passed: Column = {
    title: t('training.fields.passed'),
    dataIndex: 'passed',
    render: (value: boolean, row) =>
      row.voided ? (
        <Tooltip title={t('training.voidedReason', { reason: row.void_reason })}>
          <Tag>{t('training.voided')}</Tag>
        </Tooltip>
      ) : value ? (
        <Tag color="green">{t('training.passed')}</Tag>
      ) : (
        <Tag color="red">{t('training.failed')}</Tag>
      ),
  };
  const details: Column[] = [
    { title: t('training.fields.program'), dataIndex: 'program_title' },
    { title: t('training.fields.completed_on'), dataIndex: 'completed_on', render: formatDate },
    { title: t('training.fields.hours'), dataIndex: 'hours', align: 'right' },
  ];
  const certificate: Column = {
    title: t('training.fields.certificate_no'),
    dataIndex: 'certificate_no',
    render: (v: string) => v || '—',
  };
  // Only the province changes or deletes a voided completion (the API refuses base staff).
  const locked = (row: TrainingCompletion) => row.voided && role !== 'province';
  const actions = useRowActionsColumns<TrainingCompletion>(editable, (row) => ({
    onEdit: () => setEditing(row),
    onDelete: () => remove.mutate(row.id, deleteNotices),
  })).map((column) => ({
    ...column,
    render: (value: unknown, row: TrainingCompletion, index: number) =>
      locked(row) ? <Typography.Text type="secondary">—</Typography.Text> : column.render?.(value, row, index),
  }));
  const columns: Column[] = isPhone
    ? [teacher, passed, ...details, certificate, ...actions]
    : [teacher, school, ...details, passed, certificate, ...actions];

  return (
    <ActionCard
      title={t('training.completions')}
      toolbar={
        editable &&
        loggable && (
          <Space wrap>
            <LinkButton to={paths.imports} icon={<CloudUploadOutlined />}>
              {t('training.importSheet')}
            </LinkButton>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('training.logCompletion')}
            </Button>
          </Space>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('common.search')}
          placeholder={t('training.searchCompletions')}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => list.set({ search: value.trim() })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('training.fields.program')}
          placeholder={t('training.fields.program')}
          style={{ width: 260 }}
          value={program}
          onChange={(value?: number) => list.set({ program: value })}
          options={programs.data?.results.map((p) => ({ value: p.id, label: p.title }))}
        />
      </Space>
      {completions.isError ? (
        <ErrorState error={completions.error} onRetry={() => void completions.refetch()} />
      ) : (
        <Table<TrainingCompletion>
          rowKey="id"
          size="middle"
          loading={completions.isFetching || checkingProgram}
          dataSource={completions.data?.results}
          locale={{
            emptyText: <EmptyState description={t(search || program ? 'common.noMatch' : 'training.noCompletions')} />,
          }}
          scroll={tableScroll}
          pagination={{
            current: list.page,
            pageSize: PAGE_SIZE,
            total: completions.data?.count ?? 0,
            onChange: list.setPage,
            showSizeChanger: false,
            showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
          }}
          columns={columns}
        />
      )}
      {editing !== undefined && <CompletionModal completion={editing} onClose={() => setEditing(undefined)} />}
    </ActionCard>
  );
}
