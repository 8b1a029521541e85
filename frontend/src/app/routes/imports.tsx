import { RequireRole } from '@/components/ui/require-role';
import { enums } from '@/config/enums';
import { ImportWizard } from '@/features/imports/components/import-wizard';
import { useMe, type Role } from '@/lib/auth';

const kindsByRole: Partial<Record<Role, readonly string[]>> = {
  province: enums.importKind,
  school_hr: ['teachers', 'certificates', 'enterprise-periods', 'mentor-appointments', 'teaching-hours'],
  base_staff: ['training-completions'],
};

export default function ImportsRoute() {
  const me = useMe().data;
  const kinds = (me && kindsByRole[me.role]) || [];
  return (
    <RequireRole roles={['province', 'school_hr', 'base_staff']}>
      <ImportWizard kinds={kinds} />
    </RequireRole>
  );
}
