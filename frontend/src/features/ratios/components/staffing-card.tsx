import { Card, Descriptions, Tag, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { formatPercentAgainst } from '@/lib/format';
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
      <Tag style={VERDICT_TAG}>{t('school.normUnknown')}</Tag>
    ) : good ? (
      <Tag color="success" style={VERDICT_TAG}>
        {t('school.normMet')}
      </Tag>
    ) : (
      <Tag color="warning" style={VERDICT_TAG}>
        {t('school.normNotMet')}
      </Tag>
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
              figure={formatPercentAgainst(staffing.part_time_share, staffing.part_time_norm, staffing.part_time_ok)}
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

/** The figure (never broken) and its verdict on one line where there is room (desktop), the
 * verdict under the figure where there is not (a phone in English: "does not meet the norm"
 * beside the figure ran past the card's edge); the norm in grey under them. The verdict's own
 * words wrap only if even a line of its own is too narrow. */
function AgainstNorm({ figure, verdict, norm, testId }: { figure: string; verdict: ReactNode; norm: string; testId: string }) {
  return (
    <div style={{ minWidth: 0, maxWidth: '100%' }}>
      <div style={AGAINST_NORM_LINE} data-testid={`${testId}-line`}>
        <span style={{ whiteSpace: 'nowrap' }}>{figure}</span>{' '}
        <span style={{ minWidth: 0, maxWidth: '100%' }}>{verdict}</span>
      </div>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid={testId}>
        {norm}
      </Typography.Text>
    </div>
  );
}

/** A verdict tag: no margin of its own (the line's gap spaces it), its words wrapping only
 * when a line of its own is narrower than it (antd's tags never wrap). */
const VERDICT_TAG: CSSProperties = { marginInlineEnd: 0, whiteSpace: 'normal', maxWidth: '100%' };

/** Figure and verdict: side by side, the verdict wrapping below when the line is too narrow. */
const AGAINST_NORM_LINE: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  columnGap: 8,
  rowGap: 4,
  minWidth: 0,
};
