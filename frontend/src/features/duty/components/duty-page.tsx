import { Card, Progress, Space, Switch, Table, Tag, Typography, type TableColumnType, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { ActionCard } from '@/components/ui/action-card';
import { ItemList } from '@/components/ui/item-list';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { paths } from '@/config/paths';
import { useIsPhone } from '@/lib/breakpoints';
import { formatDate, formatPercent } from '@/lib/format';
import { idFromParam, oneOf, orderingOf, sortOrderOf, useListParams } from '@/lib/list-params';

import { useDutySummary, usePracticeDuty } from '../api/get-practice-duty';
import type { DutyRow, DutySummaryRow } from '../types/duty';

import { DutyExportButton } from './duty-export-button';

const PAGE_SIZE = 20;
const SUMMARY_PAGE_SIZE = 10;
/** The teachers' list in the address: `?school=3&short=false&page=2` (everyone, not only
 * those short, is `short=false`; only those short, the default, leaves it out). */
const LIST_KEYS = ['school', 'short'] as const;
/** The summary's page and order carry `s_` (`s_page`, `s_ordering`): the teachers share the page. */
const SUMMARY_KEYS = ['ordering'] as const;
const SUMMARY_PREFIX = 's';
/** The summary's order unless a column is sorted: the largest share short first. */
const SUMMARY_DEFAULT_ORDERING = '-share';
const SUMMARY_ORDERINGS = ['short', 'share'].flatMap((field) => [field, `-${field}`]);

type SummaryColumn = TableColumnType<DutySummaryRow>;
type DutyColumn = TableColumnType<DutyRow>;

/** Enterprise practice duty: 6 months in every 5 years for every professional or practical
 * teacher. The province and cities see a summary per school; everyone sees the teachers. */
export function DutyPage({ perSchool }: { perSchool: boolean }) {
  const list = useListParams(LIST_KEYS);
  // The summary's schools are the ones this user sees: a school from the address is asked
  // for once it is one of them (another is a 404 from the API), and never for school HR.
  const summary = useDutySummary({}, perSchool);
  const schoolId = perSchool ? idFromParam(list.values.school) : undefined;
  const school = summary.data?.some((row) => row.school.id === schoolId) ? schoolId : undefined;
  const checkingSchool = schoolId !== undefined && summary.isPending;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {perSchool && <SummaryCard selected={school} onSelect={(id) => list.set({ school: id })} />}
      <TeachersCard school={school} checkingSchool={checkingSchool} showSchool={perSchool} />
    </Space>
  );
}

function SummaryCard({ selected, onSelect }: { selected?: number; onSelect: (id?: number) => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const summary = useDutySummary({});
  const list = useListParams(SUMMARY_KEYS, SUMMARY_PREFIX);
  const ordering = oneOf(list.values.ordering, SUMMARY_ORDERINGS) ?? SUMMARY_DEFAULT_ORDERING;
  // A new order starts at the first page; a page turn keeps the order.
  const onChange: TableProps<DutySummaryRow>['onChange'] = (pagination, _filters, sorter, { action }) => {
    if (action !== 'sort') return list.setPage(pagination.current ?? 1);
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const next = orderingOf(s?.columnKey, s?.order) ?? SUMMARY_DEFAULT_ORDERING;
    list.set({ ordering: next === SUMMARY_DEFAULT_ORDERING ? undefined : next });
  };
  const school: SummaryColumn = {
    title: t('duty.school'),
    key: 'school',
    // On a phone the counts go under the name, so that the share short comes next.
    render: (_, row) => (
      <TwoLineCell
        main={row.school.name}
        sub={isPhone && t('duty.shortOf', { short: row.short, teachers: row.teachers })}
        subTestId="duty-short-of"
      />
    ),
  };
  const teachers: SummaryColumn = { title: t('duty.teachers'), dataIndex: 'teachers', align: 'right' };
  const short: SummaryColumn = {
    title: t('duty.short'),
    dataIndex: 'short',
    key: 'short',
    align: 'right',
    sorter: (a, b) => a.short - b.short,
    sortOrder: sortOrderOf(ordering, 'short'),
  };
  const share: SummaryColumn = {
    title: t('duty.shareShort'),
    key: 'share',
    // Descending first: the default; cleared, it comes back to it.
    sortDirections: ['descend', 'ascend'],
    sortOrder: sortOrderOf(ordering, 'share'),
    sorter: (a, b) => (a.share_short ?? -1) - (b.share_short ?? -1),
    render: (_, row) => formatPercent(row.share_short),
  };
  return (
    <Card title={t('duty.summary')}>
      {summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <Table<DutySummaryRow>
          rowKey={(row) => row.school.id}
          size="small"
          loading={summary.isPending}
          dataSource={summary.data ?? []}
          scroll={isPhone ? undefined : { x: 480 }}
          onChange={onChange}
          pagination={{
            current: list.page,
            pageSize: SUMMARY_PAGE_SIZE,
            hideOnSinglePage: true,
            showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
          }}
          rowClassName={(row) => (row.school.id === selected ? 'ant-table-row-selected' : '')}
          onRow={(row) => ({
            onClick: () => onSelect(row.school.id === selected ? undefined : row.school.id),
            style: { cursor: 'pointer' },
          })}
          columns={isPhone ? [school, share] : [school, teachers, short, share]}
        />
      )}
    </Card>
  );
}

/** The teachers and their practice; the school column only for those who see several schools
 * (school HR's own school on every row pushed the days off a phone's screen). */
function TeachersCard({ school, checkingSchool, showSchool }: { school?: number; checkingSchool: boolean; showSchool: boolean }) {
  const { t } = useTranslation();
  const list = useListParams(LIST_KEYS);
  const { page, setPage } = list;
  const short = oneOf(list.values.short, ['false'] as const) === undefined;
  const params = { school, short: short || undefined, page, page_size: PAGE_SIZE };
  // Held back while the school from the address is checked (pending, so shown as loading).
  const duty = usePracticeDuty(params, { enabled: !checkingSchool });
  // A school chosen is a filter: nothing then says so. Nobody short (the default list) is
  // good news, said in words.
  const emptyText =
    school !== undefined ? (
      <EmptyState description={t('common.noMatch')} />
    ) : short ? (
      <EmptyState description={t('duty.noneShort')} />
    ) : undefined;
  const isPhone = useIsPhone();
  const tableScroll = { x: showSchool ? 880 : 680 };
  const link = (row: DutyRow) => <Link to={paths.teacher(row.teacher.id)}>{row.teacher.name}</Link>;
  const teacher: DutyColumn = { title: t('duty.teacher'), key: 'teacher', render: (_, row) => link(row) };
  const schoolColumn: DutyColumn[] = showSchool
    ? [{ title: t('duty.school'), key: 'school', render: (_, row) => row.teacher.school.name }]
    : [];
  const progress = (row: DutyRow) => (
    <Progress
      percent={Math.min(100, Math.round((row.days_in_window / row.required) * 100))}
      size="small"
      style={{ width: 100, margin: 0 }}
      showInfo={false}
      status={row.short_by > 0 ? 'exception' : 'success'}
    />
  );
  const daysText = (row: DutyRow) => `${row.days_in_window} / ${row.required}`;
  const days: DutyColumn = {
    title: t('duty.days'),
    key: 'days',
    render: (_, row) => (
      <Space>
        {progress(row)}
        <span>{daysText(row)}</span>
      </Space>
    ),
  };
  const shortTag = (row: DutyRow) => (row.short_by > 0 ? <Tag color="red">{row.short_by}</Tag> : <Tag color="green">0</Tag>);
  const shortBy: DutyColumn = { title: t('duty.shortBy'), key: 'short_by', render: (_, row) => shortTag(row) };
  const period: DutyColumn = {
    title: t('duty.window'),
    key: 'window',
    render: (_, row) => `${formatDate(row.window_start)} – ${formatDate(row.window_end)}`,
  };
  const lapsesOn: DutyColumn = { title: t('duty.lapsesOn'), key: 'lapses_on', render: (_, row) => formatDate(row.lapses_on) };
  return (
    <ActionCard
      title={t('duty.title')}
      toolbar={
        <Space wrap>
          <Space size={6}>
            <Switch
              size="small"
              checked={short}
              onChange={(on) => list.set({ short: on ? undefined : 'false' })}
              data-testid="duty-short"
            />
            <Typography.Text>{t('duty.onlyShort')}</Typography.Text>
          </Space>
          <DutyExportButton school={school} short={short} />
        </Space>
      }
    >
      {duty.isError ? (
        <ErrorState error={duty.error} onRetry={() => void duty.refetch()} />
      ) : isPhone ? (
        // A phone: each teacher as a row read top to bottom (a table scrolled sideways in its card).
        <ItemList<DutyRow>
          size="small"
          loading={duty.isPending}
          items={duty.data?.results ?? []}
          rowKey={(row) => row.teacher.id}
          emptyText={emptyText}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: duty.data?.count ?? 0,
            onChange: setPage,
            size: 'small',
            showTotal: (count) => t('common.total', { count }),
          }}
          renderItem={(row) => ({
            'data-testid': 'duty-row',
            title: link(row),
            description: showSchool ? row.teacher.school.name : undefined,
            content: <PhoneFigures row={row} progress={progress(row)} days={daysText(row)} shortTag={shortTag(row)} />,
          })}
        />
      ) : (
        <Table<DutyRow>
          rowKey={(row) => row.teacher.id}
          size="small"
          loading={duty.isPending}
          dataSource={duty.data?.results ?? []}
          scroll={tableScroll}
          locale={emptyText ? { emptyText } : undefined}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: duty.data?.count,
            onChange: setPage,
            hideOnSinglePage: true,
            showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
          }}
          columns={[teacher, ...schoolColumn, days, shortBy, period, lapsesOn]}
        />
      )}
    </ActionCard>
  );
}

/** A teacher's figures on a phone, each after its label: days with the bar and the shortfall
 * (by when, for one who meets the duty), then the window. */
function PhoneFigures({ row, progress, days, shortTag }: { row: DutyRow; progress: ReactNode; days: string; shortTag: ReactNode }) {
  const { t } = useTranslation();
  const label = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%', marginTop: 4 }}>
      <Space size={[12, 2]} wrap>
        <Space size={8}>
          {label(t('duty.daysBrief'))}
          <span>{days}</span>
          {progress}
        </Space>
        <span data-testid="duty-short-by">
          {label(t('duty.shortBy'))}
          <span style={{ marginInlineStart: 8 }}>{shortTag}</span>
        </span>
        {row.lapses_on && (
          <Typography.Text type="secondary" data-testid="duty-lapses-on">
            {t('duty.shortFrom', { date: formatDate(row.lapses_on) })}
          </Typography.Text>
        )}
      </Space>
      <Space size={8} wrap>
        {label(t('duty.window'))}
        <span>{`${formatDate(row.window_start)} – ${formatDate(row.window_end)}`}</span>
      </Space>
    </Space>
  );
}
