import { RequireRole } from '@/components/ui/require-role';
import { TeachersList } from '@/features/teachers/components/teachers-list';

export default function TeachersRoute() {
  return (
    <RequireRole roles={['province', 'city', 'school_hr']}>
      <TeachersList />
    </RequireRole>
  );
}
