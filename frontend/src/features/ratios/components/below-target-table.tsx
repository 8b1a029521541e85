import { Card, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { useEnumLabel } from '@/components/ui/enum-label';
import { ErrorState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { formatPercent } from '@/lib/format';
import { cityLabel, useCities } from '@/lib/reference-data';

import { useSchoolRatios } from '../api/get-school-ratios';
import type { SchoolRatio } from '../types/ratios';

/** Schools below target, biggest gap first by default; the name drills down. */
export function BelowTargetTable({ city, kind, asOf }: { city?: number; kind?: string; asOf?: string }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const { i18n } = useTranslation();
  const cities = useCities();
  const cityOf = (r: SchoolRatio) => {
    const c = cities.data?.results.find((x) => x.id === r.school.city);
    return c ? cityLabel(c, i18n.resolvedLanguage ?? 'zh-CN') : (r.school.city_name ?? '—');
  };
  const [ordering, setOrdering] = useState('-gap');
  const [page, setPage] = useState(1);
  const rows = useSchoolRatios({
    city,
    kind,
    as_of: asOf,
    below_target: true,
    ordering,
    page,
    page_size: 10,
  });

  const order = (field: string) =>
    ordering === field ? 'ascend' : ordering === `-${field}` ? 'descend' : null;

  const columns: TableProps<SchoolRatio>['columns'] = [
    {
      title: t('school.code'),
      key: 'code',
      render: (_: unknown, r) => r.school.code,
      width: 100,
    },
    {
      title: t('teachers.fields.school'),
      key: 'name',
      sorter: true,
      sortOrder: order('name'),
      render: (_: unknown, r) => <Link to={paths.school(r.school.id)}>{r.school.name}</Link>,
    },
    { title: t('school.city'), key: 'city', render: (_: unknown, r) => cityOf(r) },
    { title: t('school.kind'), key: 'kind', render: (_: unknown, r) => label('schoolKind', r.school.kind) },
    {
      title: t('dashboard.qualified'),
      key: 'qualified',
      render: (_: unknown, r) => `${r.qualified} / ${r.in_scope}`,
    },
    {
      title: t('dashboard.ratio'),
      key: 'ratio',
      sorter: true,
      sortOrder: order('ratio'),
      render: (_: unknown, r) => formatPercent(r.ratio),
    },
    {
      title: t('dashboard.gap'),
      key: 'gap',
      sorter: true,
      sortOrder: order('gap'),
      render: (_: unknown, r) => r.gap ?? '—',
    },
  ];

  return (
    <Card title={t('dashboard.belowTarget')} size="small">
      {rows.isError ? (
        <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <Table<SchoolRatio>
          size="small"
          rowKey={(r) => r.school.id}
          loading={rows.isFetching}
          columns={columns}
          dataSource={rows.data?.results}
          scroll={{ x: 700 }}
          onChange={(pagination, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const next = s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : '-gap';
            if (next !== ordering) {
              setOrdering(next);
              setPage(1);
            } else setPage(pagination.current ?? 1);
          }}
          pagination={{ current: page, pageSize: 10, total: rows.data?.count ?? 0, showSizeChanger: false }}
        />
      )}
    </Card>
  );
}
