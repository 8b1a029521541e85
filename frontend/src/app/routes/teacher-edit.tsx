import { useNavigate, useParams } from 'react-router-dom';

import { NotFound } from '@/components/ui/not-found';
import { ErrorState, Loading } from '@/components/ui/query-state';
import { RequireRole } from '@/components/ui/require-role';
import { paths } from '@/config/paths';
import { useTeacher } from '@/features/teachers/api/get-teacher';
import { TeacherForm } from '@/features/teachers/components/teacher-form';
import { ApiError } from '@/lib/api-client';

export default function TeacherEditRoute() {
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const teacher = useTeacher(id);

  if (teacher.isPending) return <Loading />;
  if (teacher.isError) {
    if (teacher.error instanceof ApiError && teacher.error.status === 404) return <NotFound />;
    return <ErrorState error={teacher.error} onRetry={() => void teacher.refetch()} />;
  }
  return (
    <RequireRole roles={['province', 'school_hr']}>
      <TeacherForm
        teacher={teacher.data}
        onSaved={(saved) => navigate(paths.teacher(saved.id), { replace: true })}
        onCancel={() => navigate(paths.teacher(id))}
      />
    </RequireRole>
  );
}
