import { useSearchParams } from 'react-router-dom';

import { RequireRole } from '@/components/ui/require-role';
import { ProvinceDashboard } from '@/features/ratios/components/province-dashboard';
import { useMe } from '@/lib/auth';

export default function DashboardRoute() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const cityLocked = me?.role === 'city';
  const city = cityLocked ? (me?.city ?? undefined) : Number(params.get('city')) || undefined;
  return (
    <RequireRole roles={['province', 'city']}>
      <ProvinceDashboard
        city={city}
        cityLocked={cityLocked}
        onCityChange={(value) => setParams(value ? { city: String(value) } : {}, { replace: true })}
      />
    </RequireRole>
  );
}
