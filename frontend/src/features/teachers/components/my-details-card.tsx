import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { paths } from '@/config/paths';

import type { Teacher } from '../types/teacher';
import { TeacherBasicInfo, type BasicField } from './teacher-basic-info';

/** What a teacher's verdict reads about them (the checklist's "in the teacher's field" reads
 * the field category): the few facts they check first, their ID number as the API gives it to
 * them (in full: DESIGN §8), and a link to the whole record. */
const MINE: BasicField[] = [
  'school',
  'staff_no',
  'id_number',
  'major',
  'major_category',
  'title',
  'employment',
  'course_type',
  'hired_on',
];

export function MyDetailsCard({ teacher }: { teacher: Teacher }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('teachers.myDetails')}
      extra={<Link to={paths.teacher(teacher.id)}>{t('teachers.fullRecord')}</Link>}
      data-testid="my-details"
    >
      <TeacherBasicInfo teacher={teacher} fields={MINE} />
    </Card>
  );
}
