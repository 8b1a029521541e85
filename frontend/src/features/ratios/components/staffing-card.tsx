import { Card, Descriptions, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { formatPercent } from '@/lib/format';
import type { components } from '@/types/api';

type Staffing = components['schemas']['Staffing'];

/** A school's students, teachers and mentors, and the two staffing norms: each figure with
 * whether it meets its norm, the norm itself under it (beside it, a phone broke the value over
 * three lines). */
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
            <AgainstNorm
              figure={`${staffing.students_per_teacher ?? '—'} : 1`}
              verdict={ok(staffing.students_per_teacher_ok)}
              norm={t('school.studentTeacherNorm', { norm: staffing.students_per_teacher_norm })}
              testId="student-teacher-norm"
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('school.partTimeShare')}>
            <AgainstNorm
              figure={formatPercent(staffing.part_time_share)}
              verdict={ok(staffing.part_time_ok)}
              norm={t('school.partTimeNorm')}
              testId="part-time-norm"
            />
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

/** A figure and its verdict on one line (never broken), the norm in grey under them. */
function AgainstNorm({ figure, verdict, norm, testId }: { figure: string; verdict: ReactNode; norm: string; testId: string }) {
  return (
    <div>
      <span style={{ whiteSpace: 'nowrap' }}>
        {figure} {verdict}
      </span>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid={testId}>
        {norm}
      </Typography.Text>
    </div>
  );
}
