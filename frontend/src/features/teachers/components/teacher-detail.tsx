import { App, Button, Card, Col, Descriptions, Popconfirm, Row, Space, Tag } from 'antd';
import { LinkButton } from '@/components/ui/link-button';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { paths } from '@/config/paths';
import { errorText } from '@/lib/error-text';
import { formatDate } from '@/lib/format';

import { useDeleteTeacher } from '../api/delete-teacher';
import type { Teacher } from '../types/teacher';
import { CertificatesCard } from './certificates-card';
import { FactsCard } from './facts-card';
import { fieldCategoryLabel } from './field-categories';
import { HistoryCard } from './history-card';
import { PeriodsCard } from './periods-card';
import { QualificationCard } from './qualification-card';

export function TeacherDetail({
  teacher,
  editable,
  onDeleted,
}: {
  teacher: Teacher;
  editable: boolean;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const remove = useDeleteTeacher();
  const { message } = App.useApp();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span>{teacher.name}</span>
            {teacher.left_on && <Tag>{t('teachers.fields.left_on')} {formatDate(teacher.left_on)}</Tag>}
          </Space>
        }
        extra={
          editable && (
            <Space>
              <LinkButton to={paths.teacherEdit(teacher.id)}>{t('common.edit')}</LinkButton>
              <Popconfirm
                title={t('common.confirmDelete')}
                onConfirm={() =>
                  remove.mutate(teacher.id, {
                    onSuccess: onDeleted,
                    onError: (error) => void message.error(errorText(error)),
                  })
                }
              >
                <Button danger loading={remove.isPending}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} title={t('teachers.basicInfo')}>
          <Descriptions.Item label={t('teachers.fields.school')}>{teacher.school_name}</Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.staff_no')}>{teacher.staff_no}</Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.id_number')}>{teacher.id_number}</Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.gender')}>{label('gender', teacher.gender)}</Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.birth_date')}>
            {teacher.birth_date ? formatDate(teacher.birth_date) : (teacher.birth_year ?? '—')}
          </Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.employment')}>
            {label('employment', teacher.employment)}
          </Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.course_type')}>
            {label('courseType', teacher.course_type)}
          </Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.major')}>{teacher.major || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.major_category')}>
            {fieldCategoryLabel(teacher.major_category, t)}
          </Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.education')}>
            {label('education', teacher.education)}
          </Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.normal_graduate')}>
            {teacher.normal_graduate ? t('common.yes') : t('common.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.title')}>{label('title', teacher.title)}</Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.hired_on')}>{formatDate(teacher.hired_on)}</Descriptions.Item>
          <Descriptions.Item label={t('teachers.fields.teaching_since')}>
            {formatDate(teacher.teaching_since)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <QualificationCard qualification={teacher.qualification} teacher={teacher.id} />
      <FactsCard teacher={teacher.id} />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <CertificatesCard teacher={teacher.id} editable={editable} />
        </Col>
        <Col span={24}>
          <PeriodsCard teacher={teacher.id} editable={editable} />
        </Col>
      </Row>
      <HistoryCard teacher={teacher.id} />
    </Space>
  );
}
