import { useNavigate } from 'react-router-dom';

import { RequireRole } from '@/components/ui/require-role';
import { paths } from '@/config/paths';
import { TeacherForm } from '@/features/teachers/components/teacher-form';

export default function TeacherNewRoute() {
  const navigate = useNavigate();
  return (
    <RequireRole roles={['province', 'school_hr']}>
      <TeacherForm
        onSaved={(teacher) => navigate(paths.teacher(teacher.id), { replace: true })}
        onCancel={() => navigate(paths.teachers)}
      />
    </RequireRole>
  );
}
