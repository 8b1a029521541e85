import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { formatDate } from '@/lib/format';

import type { Teacher } from '../types/teacher';
import { fieldCategoryLabel } from './field-categories';

export type BasicField =
  | 'school'
  | 'staff_no'
  | 'id_number'
  | 'gender'
  | 'birth'
  | 'employment'
  | 'course_type'
  | 'major'
  | 'major_category'
  | 'education'
  | 'normal_graduate'
  | 'title'
  | 'hired_on'
  | 'teaching_since';

const ALL: BasicField[] = [
  'school',
  'staff_no',
  'id_number',
  'gender',
  'birth',
  'employment',
  'course_type',
  'major',
  'major_category',
  'education',
  'normal_graduate',
  'title',
  'hired_on',
  'teaching_since',
];

/** One way to show a teacher's own facts, as the API gives them to the reader (the ID number
 * masked or not; the birth date, or its year only where the number reads masked, then named
 * as a year): the HR page shows them all, a teacher's own page the few `fields` they need. */
export function TeacherBasicInfo({
  teacher,
  fields = ALL,
  title,
}: {
  teacher: Teacher;
  fields?: BasicField[];
  title?: ReactNode;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const items: Record<BasicField, [string, ReactNode]> = {
    school: [t('teachers.fields.school'), teacher.school_name],
    staff_no: [t('teachers.fields.staff_no'), teacher.staff_no || '—'],
    id_number: [t('teachers.fields.id_number'), teacher.id_number],
    gender: [t('teachers.fields.gender'), label('gender', teacher.gender)],
    birth: teacher.birth_date
      ? [t('teachers.fields.birth_date'), formatDate(teacher.birth_date)]
      : [t('teachers.fields.birth_year'), teacher.birth_year ?? '—'],
    employment: [t('teachers.fields.employment'), label('employment', teacher.employment)],
    course_type: [t('teachers.fields.course_type'), label('courseType', teacher.course_type)],
    major: [t('teachers.fields.major'), teacher.major || '—'],
    major_category: [t('teachers.fields.major_category'), fieldCategoryLabel(teacher.major_category, t)],
    education: [t('teachers.fields.education'), label('education', teacher.education)],
    normal_graduate: [t('teachers.fields.normal_graduate'), teacher.normal_graduate ? t('common.yes') : t('common.no')],
    title: [t('teachers.fields.title'), label('title', teacher.title)],
    hired_on: [t('teachers.fields.hired_on'), formatDate(teacher.hired_on)],
    teaching_since: [t('teachers.fields.teaching_since'), formatDate(teacher.teaching_since)],
  };
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      title={title}
      items={fields.map((field) => ({ key: field, label: items[field][0], children: items[field][1] }))}
    />
  );
}
