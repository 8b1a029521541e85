import { useSearchParams } from 'react-router-dom';

import { RequireRole } from '@/components/ui/require-role';
import { SchoolsPage } from '@/features/ratios/components/schools-page';
import { useMe } from '@/lib/auth';

export default function SchoolsRoute() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const cityLocked = me?.role === 'city';
  return (
    <RequireRole roles={['province', 'city']}>
      <SchoolsPage
        city={cityLocked ? (me?.city ?? undefined) : Number(params.get('city')) || undefined}
        kind={params.get('kind') ?? undefined}
        search={params.get('search') ?? undefined}
        as_of={params.get('as_of') ?? undefined}
        cityLocked={cityLocked}
        canManage={me?.role === 'province'}
        onChange={(changes) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              for (const [key, value] of Object.entries(changes)) {
                if (value) next.set(key, String(value));
                else next.delete(key);
              }
              return next;
            },
            { replace: true },
          )
        }
      />
    </RequireRole>
  );
}
