import { Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatPercent } from '@/lib/format';
import type { components } from '@/types/api';

type Staffing = components['schemas']['Staffing'];

export function StaffingCard({ staffing }: { staffing?: Staffing }) {
  const { t } = useTranslation();
  // null: the norm cannot be judged (no full-time teachers), which is not "not met".
  const ok = (good: boolean | null) =>
    good === null ? (
      <Tag>{t('school.normUnknown')}</Tag>
    ) : good ? (
      <Tag color="success">{t('school.normMet')}</Tag>
    ) : (
      <Tag color="warning">{t('school.normNotMet')}</Tag>
    );
  return (
    <Card title={t('school.staffing')} size="small" style={{ height: '100%' }}>
      {!staffing ? (
        '—'
      ) : (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('school.students')}>{staffing.student_count}</Descriptions.Item>
          <Descriptions.Item label={t('school.fullTime')}>{staffing.full_time}</Descriptions.Item>
          <Descriptions.Item label={t('school.partTime')}>{staffing.part_time}</Descriptions.Item>
          <Descriptions.Item label={t('school.mentors')}>{staffing.mentors}</Descriptions.Item>
          <Descriptions.Item label={t('school.studentTeacher')}>
            {staffing.students_per_teacher ?? '—'} : 1 (
            {t('school.studentTeacherNorm', { norm: staffing.students_per_teacher_norm })}){' '}
            {ok(staffing.students_per_teacher_ok)}
          </Descriptions.Item>
          <Descriptions.Item label={t('school.partTimeShare')}>
            {formatPercent(staffing.part_time_share)} ({t('school.partTimeNorm')}) {ok(staffing.part_time_ok)}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
