import { useSearchParams } from 'react-router-dom';

import { RequireRole } from '@/components/ui/require-role';
import { ProvinceDashboard } from '@/features/ratios/components/province-dashboard';
import { useMe } from '@/lib/auth';

export default function DashboardRoute() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const cityLocked = me?.role === 'city';
  const city = cityLocked ? (me?.city ?? undefined) : Number(params.get('city')) || undefined;
  const kind = params.get('kind') ?? undefined;
  const asOf = params.get('as_of') ?? undefined;
  return (
    <RequireRole roles={['province', 'city']}>
      <ProvinceDashboard
        city={city}
        kind={kind}
        as_of={asOf}
        cityLocked={cityLocked}
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
