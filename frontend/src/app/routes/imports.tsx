import { Space } from 'antd';

import { RequireRole } from '@/components/ui/require-role';
import { enums } from '@/config/enums';
import { ImportWizard } from '@/features/imports/components/import-wizard';
import { BaseNotOperating, useBaseOperating } from '@/features/training/components/base-not-operating';
import { useMe, type Role } from '@/lib/auth';

const kindsByRole: Partial<Record<Role, readonly string[]>> = {
  province: enums.importKind,
  school_hr: ['teachers', 'certificates', 'enterprise-periods', 'mentor-appointments', 'teaching-hours'],
  base_staff: ['training-completions'],
};

export default function ImportsRoute() {
  const me = useMe().data;
  const kinds = (me && kindsByRole[me.role]) || [];
  // Base staff import completions only: at a base not operating today the page says so (and
  // since when) instead of a sheet whose rows would be refused one by one, as the training
  // page offers no logging there.
  const base = useBaseOperating(me?.role === 'base_staff');
  return (
    <RequireRole roles={['province', 'school_hr', 'base_staff']}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <BaseNotOperating status={base.status} since={base.since} />
        {base.operating && <ImportWizard kinds={kinds} />}
      </Space>
    </RequireRole>
  );
}
