import { Breadcrumb, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';

import { NotFound } from '@/components/ui/not-found';
import { ErrorState, Loading } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { TeacherAccountCard } from '@/features/recognition/components/teacher-account';
import { useTeacher } from '@/features/teachers/api/get-teacher';
import { TeacherDetail } from '@/features/teachers/components/teacher-detail';
import { ApiError } from '@/lib/api-client';
import { canEditTeachers, useMe } from '@/lib/auth';

export default function TeacherRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const me = useMe().data;
  const teacher = useTeacher(id);

  if (!Number.isFinite(id)) return <NotFound />;
  if (teacher.isPending) return <Loading />;
  if (teacher.isError) {
    if (teacher.error instanceof ApiError && teacher.error.status === 404) return <NotFound />;
    return <ErrorState error={teacher.error} onRetry={() => void teacher.refetch()} />;
  }
  const ownRecord = me?.role === 'teacher';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {/* A teacher reading their own record comes from 我的档案: the teachers list is not theirs. */}
      <Breadcrumb
        items={[
          ownRecord
            ? { title: <Link to={paths.me}>{t('recognition.nav.me')}</Link> }
            : { title: <Link to={paths.teachers}>{t('nav.teachers')}</Link> },
          { title: teacher.data.name },
        ]}
      />
      <TeacherDetail
        teacher={teacher.data}
        editable={canEditTeachers(me)}
        onDeleted={() => navigate(paths.teachers, { replace: true })}
      />
      {canEditTeachers(me) && <TeacherAccountCard teacher={teacher.data.id} />}
    </Space>
  );
}
