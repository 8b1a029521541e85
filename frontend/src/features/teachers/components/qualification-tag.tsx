import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { daysUntil, EXPIRY_WARNING_DAYS, formatDate } from '@/lib/format';

import type { Qualification } from '../types/teacher';

const levelColor: Record<string, string> = {
  none: 'default',
  junior: 'blue',
  intermediate: 'geekblue',
  senior: 'purple',
};

/** The level, plus a mark when the verdict changes on its own soon (a certificate expiring…). */
export function QualificationTag({ qualification }: { qualification: Qualification | null }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  if (!qualification) return <span>—</span>;
  const days = daysUntil(qualification.valid_until);
  return (
    <Space size={4} wrap>
      <Tag color={levelColor[qualification.level] ?? 'default'}>
        {label('qualificationLevel', qualification.level)}
      </Tag>
      {days !== null && days <= EXPIRY_WARNING_DAYS && (
        <Tooltip
          title={
            qualification.qualified
              ? t('teachers.validUntil', { date: formatDate(qualification.valid_until) })
              : t('checklist.changesOn', { date: formatDate(qualification.valid_until) })
          }
        >
          <Tag color={days < 0 ? 'red' : 'orange'} data-testid="expiry-mark">
            {days < 0
              ? t('teachers.expired')
              : // A qualified teacher loses the level then; an unqualified one may gain it.
                t(qualification.qualified ? 'teachers.expiringSoon' : 'teachers.changesSoon', { days })}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
