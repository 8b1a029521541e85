import { RequireRole } from '@/components/ui/require-role';
import { SchoolsPage } from '@/features/ratios/components/schools-page';
import { useMe } from '@/lib/auth';

export default function SchoolsRoute() {
  const me = useMe().data;
  const cityLocked = me?.role === 'city';
  return (
    <RequireRole roles={['province', 'city']}>
      <SchoolsPage
        cityLocked={cityLocked}
        lockedCity={cityLocked ? (me?.city ?? undefined) : undefined}
        canManage={me?.role === 'province'}
      />
    </RequireRole>
  );
}
