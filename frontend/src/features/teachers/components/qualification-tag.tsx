import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { daysUntil, EXPIRY_WARNING_DAYS, formatDate } from '@/lib/format';

import type { Qualification } from '../types/teacher';
import { expiryWarning, expiryWords } from './expiry-warning';

const levelColor: Record<string, string> = {
  none: 'default',
  junior: 'blue',
  intermediate: 'geekblue',
  senior: 'purple',
};

const markText = { loses: 'teachers.expiringSoon', drops: 'teachers.dropsSoon', changes: 'teachers.changesSoon' };

/** The level, plus a mark when the level soon drops on its own (a certificate expiring…):
 * "将于 … 失去双师资格" only when it drops to none, "… 起降为…" for a lower level, none for a rise. */
export function QualificationTag({ qualification }: { qualification: Qualification | null }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  if (!qualification) return <span>—</span>;
  const warning = expiryWarning(qualification);
  const days = warning && daysUntil(warning.date);
  return (
    <Space size={4} wrap>
      <Tag color={levelColor[qualification.level] ?? 'default'}>
        {label('qualificationLevel', qualification.level)}
      </Tag>
      {warning && days !== null && days <= EXPIRY_WARNING_DAYS && (
        <Tooltip
          title={expiryWords(warning, t, formatDate, (level) => label('qualificationLevel', level))}
        >
          <Tag color={days < 0 ? 'red' : 'orange'} data-testid="expiry-mark">
            {days < 0 ? t('teachers.expired') : t(markText[warning.kind], { count: days })}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
