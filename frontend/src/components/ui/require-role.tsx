import type { ReactNode } from 'react';

import { NotFound } from '@/components/ui/not-found';
import { useMe, type Role } from '@/lib/auth';

/** Pages a role has no business on answer 403 (the API would refuse them anyway). */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useMe().data;
  if (!me || !roles.includes(me.role)) return <NotFound forbidden />;
  return <>{children}</>;
}
