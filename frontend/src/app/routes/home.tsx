import { Navigate } from 'react-router-dom';

import { Loading } from '@/components/ui/query-state';
import { homePathFor, useMe } from '@/lib/auth';

export default function HomeRoute() {
  const me = useMe().data;
  if (!me) return <Loading />;
  return <Navigate to={homePathFor(me)} replace />;
}
