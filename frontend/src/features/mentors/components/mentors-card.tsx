import { Button, Card, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { EmptyState, ErrorState } from '@/components/ui/query-state';

import { useMentors } from '../api/get-mentors';
import type { Mentor } from '../types/mentor';
import { MentorModal } from './mentor-modal';
import { useTableScroll } from '@/lib/table-scroll';

const PAGE_SIZE = 10;

/** The mentors this user may see (a school HR: those appointed at the school). */
export function MentorsCard() {
  const { t } = useTranslation();
  const tableScroll = useTableScroll(800);
  const label = useEnumLabel();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const mentors = useMentors({ page, page_size: PAGE_SIZE, ordering: 'name', search: search || undefined });
  const [editing, setEditing] = useState<Mentor | null>(null);

  return (
    <Card
      title={t('mentors.mentorsList')}
      extra={
        <Input.Search
          allowClear
          data-testid="mentor-search"
          placeholder={t('mentors.searchPlaceholder')}
          style={{ maxWidth: 220 }}
          onSearch={(value) => {
            setSearch(value.trim());
            setPage(1);
          }}
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
          locale={{ emptyText: <EmptyState description={t('mentors.noMentors')} /> }}
          scroll={tableScroll}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: mentors.data?.count ?? 0,
            onChange: setPage,
            showTotal: (count) => <Typography.Text type="secondary">{t('common.total', { count })}</Typography.Text>,
          }}
          columns={[
            { title: t('mentors.fields.name'), dataIndex: 'name' },
            { title: t('mentors.fields.id_number'), dataIndex: 'id_number' },
            { title: t('mentors.fields.age'), dataIndex: 'age', align: 'right' as const },
            { title: t('mentors.fields.enterprise'), dataIndex: 'enterprise' },
            { title: t('mentors.fields.category'), dataIndex: 'category', render: (v: string) => label('mentorCategory', v) },
            { title: t('mentors.fields.title'), dataIndex: 'title', render: (v: string) => v || '—' },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, row: Mentor) => (
                <Button type="link" size="small" onClick={() => setEditing(row)}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      )}
      {editing && <MentorModal mentor={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
