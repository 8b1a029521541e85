import { Table, type TableColumnType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { FoldedCard } from '@/components/ui/folded-card';
import type { EnumGroup } from '@/config/enums';
import { TwoLineCell } from '@/components/ui/two-line-cell';
import { formatDate } from '@/lib/format';

import { useTeacherFacts } from '../api/get-teacher-facts';
import type { TeacherFact } from '../types/teacher';
import { fieldCategoryLabel } from './field-categories';

const enumGroup: Partial<Record<string, EnumGroup>> = { employment: 'employment', course_type: 'courseType', title: 'title' };

/**
 * The dated history of the fields the rules read (§3): folded, fetched when opened. Values are
 * named in the chosen language (the API's value_label is Chinese); a school is named as stored.
 */
export function FactsCard({ teacher }: { teacher: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const facts = useTeacherFacts(teacher, open);
  const label = useEnumLabel();
  const valueText = (row: TeacherFact) =>
    row.field === 'major_category'
      ? fieldCategoryLabel(row.value || null, t)
      : enumGroup[row.field]
        ? label(enumGroup[row.field] as EnumGroup, row.value)
        : row.value_label || row.value;
  const rows = [...(facts.data ?? [])].sort(
    (a, b) => b.effective_on.localeCompare(a.effective_on) || b.recorded_at.localeCompare(a.recorded_at),
  );
  const columns: TableColumnType<TeacherFact>[] = [
    {
      title: t('teachers.factsField'),
      key: 'field',
      render: (_, row) => <TwoLineCell main={t(`teachers.fields.${row.field}`)} sub={valueText(row)} />,
    },
    {
      title: t('teachers.factsFrom'),
      dataIndex: 'effective_on',
      render: formatDate,
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    { title: t('teachers.factsBy'), dataIndex: 'recorded_by', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <FoldedCard
      title={t('teachers.factsTitle')}
      help={t('teachers.factsHelp')}
      testId="teacher-facts"
      error={facts.isError ? facts.error : null}
      onRetry={() => void facts.refetch()}
      onOpenChange={setOpen}
    >
      <Table<TeacherFact>
        size="small"
        rowKey={(row) => `${row.field}-${row.effective_on}-${row.recorded_at}`}
        loading={facts.isPending}
        pagination={false}
        dataSource={rows}
        columns={columns}
        onRow={() => ({ 'data-testid': 'teacher-fact' }) as object}
      />
    </FoldedCard>
  );
}
