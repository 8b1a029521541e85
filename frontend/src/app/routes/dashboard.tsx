import { Col, Row } from 'antd';
import { useSearchParams } from 'react-router-dom';

import { RequireRole } from '@/components/ui/require-role';
import { PracticalHoursCard } from '@/features/hours/components/practical-hours-card';
import { FallingBelowCard } from '@/features/ratios/components/falling-below-card';
import { ProvinceDashboard } from '@/features/ratios/components/province-dashboard';
import { useScopeName } from '@/features/ratios/components/scope-name';
import { useMe } from '@/lib/auth';

export default function DashboardRoute() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const cityLocked = me?.role === 'city';
  const city = cityLocked ? (me?.city ?? undefined) : Number(params.get('city')) || undefined;
  const kind = params.get('kind') ?? undefined;
  const asOf = params.get('as_of') ?? undefined;
  const scope = useScopeName(city, kind);
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
      {/* Forecast and measure 6 (issue 13), of the chosen city and kind like the cards above:
          the forecast is today's, whatever the as_of above (its card says so when another date
          is chosen); the practical hours are of the term in effect on that date. */}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <FallingBelowCard city={city} kind={kind} scope={scope} asOf={asOf} />
        </Col>
        <Col xs={24} lg={12}>
          <PracticalHoursCard city={city} kind={kind} scope={scope} asOf={asOf} />
        </Col>
      </Row>
    </RequireRole>
  );
}
