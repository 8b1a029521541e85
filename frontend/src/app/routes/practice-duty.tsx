import { RequireRole } from '@/components/ui/require-role';
import { DutyPage } from '@/features/duty/components/duty-page';
import { useMe } from '@/lib/auth';

export default function PracticeDutyRoute() {
  const role = useMe().data?.role;
  return (
    <RequireRole roles={['province', 'city', 'school_hr']}>
      <DutyPage perSchool={role === 'province' || role === 'city'} />
    </RequireRole>
  );
}
