import { App, Button, Card, Col, Popconfirm, Row, Space, Tag } from 'antd';
import { LinkButton } from '@/components/ui/link-button';
import { useTranslation } from 'react-i18next';

import { paths } from '@/config/paths';
import { errorText } from '@/lib/error-text';
import { formatDate } from '@/lib/format';

import { useDeleteTeacher } from '../api/delete-teacher';
import type { Teacher } from '../types/teacher';
import { CertificatesCard } from './certificates-card';
import { FactsCard } from './facts-card';
import { HistoryCard } from './history-card';
import { PeriodsCard } from './periods-card';
import { QualificationCard } from './qualification-card';
import { TeacherBasicInfo } from './teacher-basic-info';

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
        <TeacherBasicInfo teacher={teacher} title={t('teachers.basicInfo')} />
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
