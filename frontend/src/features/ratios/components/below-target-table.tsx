import { Card, Table, Tag, type TableColumnType } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { useEnumLabel } from '@/components/ui/enum-label';
import { EmptyState, ErrorState } from '@/components/ui/query-state';
import { RowActions } from '@/components/ui/row-actions';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { paths } from '@/config/paths';
import { useIsPhone } from '@/lib/breakpoints';
import { formatPercent, formatPercentAgainst } from '@/lib/format';
import { orderingOf, sortOrderOf } from '@/lib/list-params';
import { cityLabel, useCities } from '@/lib/reference-data';

import { useSchoolRatios } from '../api/get-school-ratios';
import type { SchoolRatio } from '../types/ratios';
import { useTableScroll } from '@/lib/table-scroll';

type TableFilters = { city?: number; kind?: string; asOf?: string };
/** The orderings the API takes (and the columns offer): another, from an old link, is left out. */
export const SCHOOL_RATIO_ORDERINGS = ['name', '-name', 'ratio', '-ratio', 'gap', '-gap'] as const;
const DEFAULT_ORDERING = '-gap';
/** A page and an ordering the caller keeps (the schools page: in the address); undefined is the default order. */
export type RatiosPaging = {
  page: number;
  ordering: string | undefined;
  onChange: (changes: { page: number; ordering: string | undefined }) => void;
};
type Column = TableColumnType<SchoolRatio>;

/** Schools below target, biggest gap first by default; the name drills down. With `target`,
 * the title says the share must exceed it (a school at exactly 60.0% is below a 60% target). */
export function BelowTargetTable({ target, ...props }: TableFilters & { target?: number }) {
  const { t } = useTranslation();
  const title =
    target === undefined ? t('dashboard.belowTarget') : t('dashboard.belowTargetOf', { value: formatPercent(target, 0) });
  return <SchoolRatiosTable {...props} belowTarget title={title} />;
}

/**
 * School ratio rows, sortable by name, ratio and gap on the server; the name drills down.
 * `belowTarget` keeps only schools below target; `search` matches a name or code; `onEdit`
 * (the province) adds an edit button to each row. `paging` keeps the page and the order
 * outside (else the table keeps its own); `filtered` says a search or filter is on, so an
 * empty list says nothing matches.
 */
export function SchoolRatiosTable({
  city,
  kind,
  asOf,
  belowTarget,
  search,
  title,
  extra,
  pageSize = 10,
  onEdit,
  paging,
  filtered = false,
}: TableFilters & {
  belowTarget?: boolean;
  search?: string;
  title: ReactNode;
  extra?: ReactNode;
  pageSize?: number;
  onEdit?: (schoolId: number) => void;
  paging?: RatiosPaging;
  filtered?: boolean;
}) {
  const { t } = useTranslation();
  const tableScroll = useTableScroll(700);
  const isPhone = useIsPhone();
  const label = useEnumLabel();
  const { i18n } = useTranslation();
  const cities = useCities();
  const cityOf = (r: SchoolRatio) => {
    const c = cities.data?.results.find((x) => x.id === r.school.city);
    return c ? cityLabel(c, i18n.resolvedLanguage ?? 'zh-CN') : (r.school.city_name ?? '—');
  };
  const [own, setOwn] = useState<{ page: number; ordering: string | undefined }>({ page: 1, ordering: undefined });
  const page = paging ? paging.page : own.page;
  const chosenOrdering = paging ? paging.ordering : own.ordering;
  const ordering = chosenOrdering ?? DEFAULT_ORDERING;
  const setPaging = paging ? paging.onChange : setOwn;
  const rows = useSchoolRatios({
    city,
    kind,
    as_of: asOf,
    below_target: belowTarget || undefined,
    search: search || undefined,
    ordering,
    page,
    page_size: pageSize,
  });
  const hasRecognized = (rows.data?.results ?? []).some((r) => 'recognized_ratio' in r);

  const order = (field: string) => sortOrderOf(ordering, field);

  const code: Column = { title: t('school.code'), key: 'code', render: (_: unknown, r) => r.school.code, width: 100 };
  const name: Column = {
    title: t('teachers.fields.school'),
    key: 'name',
    sorter: true,
    sortOrder: order('name'),
    render: (_: unknown, r) => {
      const link = <Link to={paths.school(r.school.id)}>{r.school.name}</Link>;
      // On a phone the code goes under the name, so that the ratio and the gap come next.
      return <TwoLineCell main={link} sub={isPhone && r.school.code} subTestId="school-code" />;
    },
  };
  const cityColumn: Column = { title: t('school.city'), key: 'city', render: (_: unknown, r) => cityOf(r) };
  const kindColumn: Column = {
    title: t('school.kind'),
    key: 'kind',
    render: (_: unknown, r) => label('schoolKind', r.school.kind),
  };
  const qualified: Column = {
    title: t('dashboard.qualified'),
    key: 'qualified',
    render: (_: unknown, r) => `${r.qualified} / ${r.in_scope}`,
  };
  const ratio: Column = {
    title: t('dashboard.ratio'),
    key: 'ratio',
    sorter: true,
    sortOrder: order('ratio'),
    render: (_: unknown, r) => formatPercentAgainst(r.ratio, r.target, r.meets_target),
  };
  const recognized: Column[] = hasRecognized
    ? [
        {
          title: t('dashboard.recognizedRatio'),
          key: 'recognized_ratio',
          render: (_: unknown, r) => formatPercent(r.recognized_ratio),
        },
      ]
    : [];
  const gap: Column = {
    // On a phone the English "Gap (teachers)" ran past the screen's edge beside the ratio.
    title: isPhone ? t('dashboard.gapShort') : t('dashboard.gap'),
    key: 'gap',
    sorter: true,
    sortOrder: order('gap'),
    render: (_: unknown, r) => r.gap ?? '—',
  };
  const status: Column[] = belowTarget
    ? []
    : [
        {
          title: t('dashboard.status'),
          key: 'status',
          render: (_: unknown, r) =>
            r.ratio === null ? (
              <Tag>{t('dashboard.noRatio')}</Tag>
            ) : r.meets_target ? (
              <Tag color="success">{t('school.meets')}</Tag>
            ) : (
              <Tag color="error">{t('school.below')}</Tag>
            ),
        },
      ];
  const actions: Column[] = onEdit
    ? [
        {
          title: t('common.actions'),
          key: 'actions',
          // Not pinned on a phone: the school, its ratio and gap keep the first screen.
          fixed: isPhone ? undefined : 'right',
          width: isPhone ? 56 : 72,
          render: (_: unknown, r) => <RowActions onEdit={() => onEdit(r.school.id)} tight />,
        },
      ]
    : [];
  // A phone's first screen (about 300 px of row) says which school and how far it stands from
  // the target; the counts, the city and the kind are a sideways scroll away.
  const columns = isPhone
    ? [name, ratio, gap, ...status, qualified, ...recognized, cityColumn, kindColumn, ...actions]
    : [code, name, cityColumn, kindColumn, qualified, ratio, ...recognized, gap, ...status, ...actions];

  return (
    <Card title={title} extra={extra} size="small">
      {rows.isError ? (
        <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <Table<SchoolRatio>
          size="small"
          rowKey={(r) => r.school.id}
          loading={rows.isFetching}
          columns={columns}
          dataSource={rows.data?.results}
          locale={filtered ? { emptyText: <EmptyState description={t('common.noMatch')} /> } : undefined}
          scroll={tableScroll}
          onChange={(pagination, _f, sorter, { action }) => {
            // A new order starts at the first page; a page turned keeps the order chosen (the
            // default, shown on the gap column, stays out of the address).
            if (action !== 'sort') return setPaging({ page: pagination.current ?? 1, ordering: chosenOrdering });
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            setPaging({ page: 1, ordering: orderingOf(s?.columnKey, s?.order) });
          }}
          pagination={{
            current: page,
            pageSize,
            total: rows.data?.count ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { count: total }),
          }}
        />
      )}
    </Card>
  );
}
