import { DownloadOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { SchoolSelect } from '@/components/ui/school-select';
import { LinkButton } from '@/components/ui/link-button';
import { App, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnType, TableProps } from 'antd';
import { useMemo, useState } from 'react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';

import { ActionCard } from '@/components/ui/action-card';
import { EnumSelect, useEnumLabel } from '@/components/ui/enum-label';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { enums } from '@/config/enums';
import { paths } from '@/config/paths';
import { canEditTeachers, useMe } from '@/lib/auth';
import { useIsPhone } from '@/lib/breakpoints';
import { errorText } from '@/lib/error-text';
import { formatDate } from '@/lib/format';
import { JOB_STARTED_MESSAGE_KEY } from '@/lib/job-notice';
import { idFromParam, oneOf, orderingOf, pageFromParam, sortOrderOf, useSearchBox } from '@/lib/list-params';
import { useTableScroll } from '@/lib/table-scroll';

import { useCreateTeacherAccounts, type TeacherAccount } from '../api/create-teacher-accounts';
import { useExportTeachers } from '../api/export-teachers';
import { useTeachers } from '../api/get-teachers';
import type { TeacherFilters, TeacherListRow } from '../types/teacher';
import { QualificationTag } from './qualification-tag';
import { RecognitionWords } from './recognition-words';
import { TeacherAccountsModal } from './teacher-accounts-modal';

const PAGE_SIZE = 20;
const filterKeys = [
  'school',
  'course_type',
  'employment',
  'gender',
  'education',
  'title',
  'qualification_level',
  'recruitment',
  'qualified',
  'recognized',
] as const;

/** The values each filter takes: another value in an old or hand-edited link is left out
 * (the API refuses it with a 400, and the list would only say 加载失败). */
const FILTER_VALUES: Record<Exclude<(typeof filterKeys)[number], 'school'>, readonly string[]> = {
  course_type: enums.courseType,
  employment: enums.employment,
  gender: enums.gender,
  education: enums.education,
  title: enums.title,
  qualification_level: enums.qualificationLevel,
  recruitment: ['met', 'not_met'],
  qualified: ['true', 'false'],
  recognized: ['true', 'false'],
};

/** The orderings the list offers (the API refuses any other with a 400): an old or
 * hand-edited link with another falls back to the default order. */
const SORTABLE = ['staff_no', 'name', 'hired_on'];

function knownOrdering(value: string | null): string | undefined {
  if (!value) return undefined;
  return SORTABLE.includes(value.replace(/^-/, '')) ? value : undefined;
}

/** The page sizes the list offers (the API refuses a size outside 1–200 with a 400): an
 * old or hand-edited link with another falls back to the default size. */
const PAGE_SIZES = [20, 50, 100, 200];

function knownPageSize(value: string | null): number {
  const size = Number(value);
  return PAGE_SIZES.includes(size) ? size : PAGE_SIZE;
}

function activeFilter(value: string | null): boolean | undefined {
  if (value === 'all') return undefined;
  return value !== 'false';
}

/** Filters live in the URL, so the back button and shared links keep them. */
function useTeacherFilters() {
  const [params, setParams] = useSearchParams();
  const filters: TeacherFilters = useMemo(() => {
    const f: TeacherFilters = {
      page: pageFromParam(params.get('page')),
      page_size: knownPageSize(params.get('page_size')),
      search: params.get('search') ?? undefined,
      ordering: knownOrdering(params.get('ordering')),
      // Employed only unless asked: ?active=all (everyone) or ?active=false (left only).
      active: activeFilter(params.get('active')),
    };
    for (const key of filterKeys) {
      const value = key === 'school' ? idFromParam(params.get(key)) : oneOf(params.get(key) ?? undefined, FILTER_VALUES[key]);
      if (value !== undefined) (f as Record<string, unknown>)[key] = value;
    }
    return f;
  }, [params]);

  const update = (changes: Record<string, string | number | undefined | null>, resetPage = true) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };
  return { filters, update, reset: () => setParams({}, { replace: true }) };
}

export function TeachersList() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const tableScroll = useTableScroll(900);
  const label = useEnumLabel();
  const me = useMe().data;
  const { filters: asked, update, reset } = useTeacherFilters();
  // School HR list their own school, with no school filter on screen: one in the address (a
  // link made by another role) would only empty the list, with nothing to clear.
  const filters = me?.role === 'school_hr' && asked.school !== undefined ? { ...asked, school: undefined } : asked;
  // The box shows the list's search (lib/list-params.useSearchBox).
  const [searchText, setSearchText] = useSearchBox(filters.search);
  const teachers = useTeachers(filters);
  // A search or a filter is on (the page, its size and the order are not): an empty list
  // then says nothing matches, not that there is nothing.
  const filtered =
    Boolean(filters.search) ||
    filters.active !== true ||
    filterKeys.some((key) => (filters as Record<string, unknown>)[key] !== undefined);
  const exporting = useExportTeachers();
  const { message } = App.useApp();
  const showSchool = me?.role !== 'school_hr';
  // School HR select rows and open teacher accounts for them (DESIGN §8).
  const canMakeAccounts = me?.role === 'school_hr';
  const [selected, setSelected] = useState<TeacherListRow[]>([]);
  const [created, setCreated] = useState<TeacherAccount[] | null>(null);
  const [createdNames, setCreatedNames] = useState(new Map<number, string>());
  const makeAccounts = useCreateTeacherAccounts();
  const createAccounts = () => {
    const names = new Map(selected.map((row) => [row.id, row.name]));
    makeAccounts.mutate(
      selected.map((row) => row.id),
      {
        onSuccess: (rows) => {
          setCreatedNames(names);
          setCreated(rows);
          setSelected([]);
        },
        onError: (error) => void message.error(errorText(error)),
      },
    );
  };

  const sortOrder = (field: string) => sortOrderOf(filters.ordering, field);

  type Column = TableColumnType<TeacherListRow>;
  const staffNo: Column = {
    title: t('teachers.fields.staff_no'),
    dataIndex: 'staff_no',
    key: 'staff_no',
    sorter: true,
    sortOrder: sortOrder('staff_no'),
    width: 110,
  };
  const name: Column = {
    title: t('teachers.fields.name'),
    dataIndex: 'name',
    key: 'name',
    sorter: true,
    sortOrder: sortOrder('name'),
    render: (value: string, row) => {
      const link = <Link to={paths.teacher(row.id)}>{value}</Link>;
      // On a phone the staff number goes under the name: the level is the second column.
      return <TwoLineCell main={link} sub={isPhone && row.staff_no} subTestId="staff-no" />;
    },
  };
  const school: Column[] = showSchool
    ? [
        {
          title: t('teachers.fields.school'),
          dataIndex: 'school_name',
          key: 'school_name',
          render: (value: string, row: TeacherListRow) =>
            row.school ? <Link to={paths.school(row.school)}>{value}</Link> : value,
        },
      ]
    : [];
  const gender: Column = {
    title: t('teachers.fields.gender'),
    dataIndex: 'gender',
    key: 'gender',
    render: (v: string) => label('gender', v),
    width: 70,
  };
  const details: Column[] = [
    {
      title: t('teachers.fields.course_type'),
      dataIndex: 'course_type',
      key: 'course_type',
      render: (v: string) => label('courseType', v),
    },
    {
      title: t('teachers.fields.employment'),
      dataIndex: 'employment',
      key: 'employment',
      render: (v: string) => label('employment', v),
    },
    {
      title: t('teachers.fields.title'),
      dataIndex: 'title',
      key: 'title',
      render: (v: string) => label('title', v),
    },
    {
      title: t('teachers.fields.hired_on'),
      dataIndex: 'hired_on',
      key: 'hired_on',
      sorter: true,
      sortOrder: sortOrder('hired_on'),
      render: (v: string, row) => (
        <Space size={4}>
          {/* A date is not broken across lines (English headers leave the column narrow). */}
          <span style={{ whiteSpace: 'nowrap' }}>{formatDate(v)}</span>
          {row.left_on && <Tag>{t('teachers.fields.left_on')} {formatDate(row.left_on)}</Tag>}
        </Space>
      ),
    },
  ];
  const qualification: Column = {
    title: t('teachers.fields.qualification_level'),
    key: 'qualification',
    render: (_: unknown, row) => <QualificationTag qualification={row.qualification} />,
  };
  // The official recognition in force beside the computed level (DESIGN §8: side by side).
  const recognized: Column = {
    title: t('checklist.officialRecognition'),
    key: 'recognized',
    render: (_: unknown, row) => (
      <RecognitionWords level={row.recognized_level} validUntil={row.recognized_valid_until} compact />
    ),
  };
  // A phone shows a row's first 300 px or so: the name and the level, the recognition and the
  // rest a sideways scroll away (the staff number under the name, the gender left out).
  const columns: Column[] = isPhone
    ? [name, qualification, recognized, ...school, ...details]
    : [staffNo, name, ...school, gender, ...details, qualification, recognized];

  const onChange: TableProps<TeacherListRow>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const ordering = orderingOf(s?.columnKey ?? s?.field, s?.order);
    const orderingChanged = ordering !== filters.ordering;
    update(
      {
        ordering,
        page: orderingChanged ? undefined : pagination.current,
        page_size: pagination.pageSize === PAGE_SIZE ? undefined : pagination.pageSize,
      },
      false,
    );
  };

  const actions = (
    <Space wrap>
      {/* The same filters, as a workbook that re-imports unchanged: made by a background
          job, downloaded from "my jobs" (the header's jobs button says when it is ready). */}
      <Button
        icon={<DownloadOutlined />}
        loading={exporting.isPending}
        onClick={() =>
          exporting.mutate(filters, {
            onSuccess: () =>
              void message.info({
                key: JOB_STARTED_MESSAGE_KEY,
                // (messages render outside the router: no link; the header's jobs button is one)
                content: <span data-testid="export-started">{t('teachers.exportStarted')}</span>,
              }),
            onError: (error) => void message.error(errorText(error)),
          })
        }
      >
        {t('teachers.export')}
      </Button>
      {canMakeAccounts && (
        <Button
          icon={<TeamOutlined />}
          disabled={!selected.length}
          loading={makeAccounts.isPending}
          onClick={createAccounts}
          data-testid="create-teacher-accounts"
        >
          {t('teachers.accounts.create', { count: selected.length })}
        </Button>
      )}
      {canEditTeachers(me) && (
        <LinkButton to={paths.teacherNew} type="primary" icon={<PlusOutlined />}>
          {t('teachers.new')}
        </LinkButton>
      )}
    </Space>
  );

  // On a phone the filters sit two to a row, each as wide as its half (English labels run
  // longer than the fixed widths); the search and the school take a whole row.
  const filterBar: CSSProperties = isPhone
    ? { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginBottom: 16 }
    : { display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 };
  const cell = (width: number): CSSProperties =>
    isPhone ? { width: '100%', minWidth: 0 } : { width };
  const wide = (width: number): CSSProperties =>
    isPhone ? { width: '100%', gridColumn: '1 / -1' } : { width };

  return (
    <ActionCard title={t('teachers.title')} toolbar={actions}>
      <div style={filterBar}>
        <Input.Search
          allowClear
          aria-label={t('common.search')}
          placeholder={t('teachers.searchPlaceholder')}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => update({ search: value.trim() })}
          style={wide(260)}
        />
        {showSchool && (
          <SchoolSelect
            allowClear
            aria-label={t('teachers.fields.school')}
            placeholder={t('teachers.fields.school')}
            style={wide(220)}
            value={filters.school}
            onChange={(value) => update({ school: value ?? undefined })}
          />
        )}
        <EnumSelect
          group="courseType"
          allowClear
          aria-label={t('teachers.fields.course_type')}
          placeholder={t('teachers.fields.course_type')}
          style={cell(180)}
          value={filters.course_type}
          onChange={(value) => update({ course_type: value })}
        />
        <EnumSelect
          group="employment"
          allowClear
          aria-label={t('teachers.fields.employment')}
          placeholder={t('teachers.fields.employment')}
          style={cell(120)}
          value={filters.employment}
          onChange={(value) => update({ employment: value })}
        />
        <EnumSelect
          group="title"
          allowClear
          aria-label={t('teachers.fields.title')}
          placeholder={t('teachers.fields.title')}
          style={cell(200)}
          value={filters.title}
          onChange={(value) => update({ title: value })}
        />
        <EnumSelect
          group="qualificationLevel"
          allowClear
          aria-label={t('teachers.fields.qualification_level')}
          placeholder={t('teachers.fields.qualification_level')}
          style={cell(150)}
          value={filters.qualification_level}
          onChange={(value) => update({ qualification_level: value })}
        />
        <Select
          allowClear
          aria-label={t('checklist.recruitment')}
          placeholder={t('checklist.recruitment')}
          style={cell(170)}
          value={filters.recruitment}
          onChange={(value) => update({ recruitment: value })}
          options={[
            { value: 'not_met', label: t('checklist.recruitmentNotMet') },
            { value: 'met', label: t('checklist.recruitmentMet') },
          ]}
        />
        <Select
          allowClear
          aria-label={t('teachers.qualifiedFilter')}
          placeholder={t('teachers.qualifiedFilter')}
          style={cell(150)}
          value={filters.qualified}
          onChange={(value) => update({ qualified: value })}
          options={[
            { value: 'true', label: t('teachers.qualifiedYes') },
            { value: 'false', label: t('teachers.qualifiedNo') },
          ]}
        />
        <Select
          allowClear
          aria-label={t('teachers.recognizedFilter')}
          placeholder={t('teachers.recognizedFilter')}
          style={cell(150)}
          value={filters.recognized}
          onChange={(value) => update({ recognized: value })}
          options={[
            { value: 'true', label: t('teachers.recognizedYes') },
            { value: 'false', label: t('teachers.recognizedNo') },
          ]}
        />
        <Select
          aria-label={t('teachers.fields.active')}
          style={cell(140)}
          value={filters.active === undefined ? 'all' : String(filters.active)}
          onChange={(value) => update({ active: value === 'true' ? undefined : value })}
          options={[
            { value: 'true', label: t('teachers.activeOnly') },
            { value: 'false', label: t('teachers.leftOnly') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <Button onClick={reset}>{t('common.reset')}</Button>
      </div>
      {teachers.isError ? (
        <ErrorState error={teachers.error} onRetry={() => void teachers.refetch()} />
      ) : (
        <Table<TeacherListRow>
          rowKey="id"
          size="middle"
          loading={teachers.isFetching}
          columns={columns}
          dataSource={teachers.data?.results}
          onChange={onChange}
          locale={filtered ? { emptyText: <EmptyState description={t('common.noMatch')} /> } : undefined}
          scroll={tableScroll}
          rowSelection={
            canMakeAccounts
              ? {
                  selectedRowKeys: selected.map((row) => row.id),
                  preserveSelectedRowKeys: true,
                  onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
                }
              : undefined
          }
          pagination={{
            current: filters.page,
            pageSize: filters.page_size,
            total: teachers.data?.count ?? 0,
            showSizeChanger: !isPhone,
            // A phone's row holds the total and five page links at most.
            showLessItems: isPhone,
            size: isPhone ? 'small' : undefined,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (count) => (
              <Typography.Text type="secondary">
                {t(teachers.data?.count_exact === false ? 'teachers.countAbout' : 'teachers.count', { count })}
              </Typography.Text>
            ),
          }}
        />
      )}
      {created && <TeacherAccountsModal accounts={created} names={createdNames} onClose={() => setCreated(null)} />}
    </ActionCard>
  );
}
