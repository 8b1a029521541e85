import { Alert, Card, Descriptions, Progress } from 'antd';
import { useTranslation } from 'react-i18next';

import { ErrorState, Loading } from '@/components/ui/query-state';
import { formatDate } from '@/lib/format';

import { usePracticeDuty } from '../api/get-practice-duty';

/** A teacher's own practice-duty standing: GET practice-duty/ scopes a teacher to themself. */
export function MyDutyCard() {
  const { t } = useTranslation();
  const duty = usePracticeDuty({ page_size: 1 });
  const row = duty.data?.results[0];
  return (
    <Card size="small" title={t('duty.mine.title')} data-testid="my-duty">
      {duty.isPending ? (
        <Loading />
      ) : duty.isError ? (
        <ErrorState error={duty.error} onRetry={() => void duty.refetch()} />
      ) : !row ? (
        <Alert type="info" showIcon title={t('duty.mine.none')} />
      ) : (
        <>
          <Progress
            percent={row.required ? Math.min(100, Math.round((row.days_in_window / row.required) * 100)) : 100}
            status={row.short_by > 0 ? 'exception' : 'success'}
            format={() => t('duty.mine.daysOf', { days: row.days_in_window, required: row.required })}
          />
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('duty.mine.days')}>
              {t('duty.mine.dayCount', { count: row.days_in_window })}
            </Descriptions.Item>
            <Descriptions.Item label={t('duty.mine.required')}>
              {t('duty.mine.dayCount', { count: row.required })}
            </Descriptions.Item>
            <Descriptions.Item label={t('duty.shortBy')}>
              {row.short_by > 0 ? t('duty.mine.dayCount', { count: row.short_by }) : t('duty.mine.met')}
            </Descriptions.Item>
            <Descriptions.Item label={t('duty.window')}>
              {formatDate(row.window_start)} – {formatDate(row.window_end)}
            </Descriptions.Item>
            <Descriptions.Item label={t('duty.lapsesOn')}>
              {row.lapses_on ? formatDate(row.lapses_on) : '—'}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Card>
  );
}
