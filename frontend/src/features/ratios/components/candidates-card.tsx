import { Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { ItemList } from '@/components/ui/item-list';
import { ErrorState } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { missingText } from '@/lib/missing-text';

import { useCandidates } from '../api/get-candidates';
import type { MissingItem } from '../types/ratios';

function MissingTag({ item }: { item: MissingItem }) {
  const { t } = useTranslation();
  return (
    <Tag color={item.one_of ? 'blue' : 'orange'}>
      {missingText(t, item)}
    </Tag>
  );
}

/** Teachers closest to qualifying, with what each still lacks (any one of the blue items). */
export function CandidatesCard({ school }: { school: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const candidates = useCandidates({ school, page, page_size: 10 });
  return (
    <Card title={t('school.candidates')} size="small">
      {candidates.isError ? (
        <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />
      ) : (
        <ItemList
          loading={candidates.isPending}
          items={candidates.data?.results ?? []}
          rowKey={(c) => c.teacher.id}
          pagination={{
            current: page,
            pageSize: 10,
            total: candidates.data?.count ?? 0,
            onChange: setPage,
            size: 'small',
          }}
          renderItem={(c) => ({
            title: (
              <Space>
                <Link to={paths.teacher(c.teacher.id)}>{c.teacher.name}</Link>
                <Typography.Text type="secondary">{c.teacher.staff_no}</Typography.Text>
              </Space>
            ),
            description: (
              <Space size={[4, 4]} wrap>
                <Typography.Text type="secondary">
                  {c.missing.length > 1 && c.missing.every((m) => m.one_of)
                    ? t('school.missingAnyOne')
                    : t('school.missingAll')}
                </Typography.Text>
                {c.missing.slice(0, 3).map((m) => (
                  <MissingTag key={m.code} item={m} />
                ))}
              </Space>
            ),
          })}
        />
      )}
    </Card>
  );
}
