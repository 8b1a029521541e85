import { Navigate, useLocation } from 'react-router-dom';

import { Loading } from '@/components/ui/query-state';
import { homePathFor, useMe } from '@/lib/auth';

export default function HomeRoute() {
  const me = useMe().data;
  const { search } = useLocation();
  if (!me) return <Loading />;
  // A shared link such as /?city=3&kind=… keeps its filters on the way to the home page.
  return <Navigate to={homePathFor(me) + search} replace />;
}
