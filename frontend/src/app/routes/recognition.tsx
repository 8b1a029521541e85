import { Navigate } from 'react-router-dom';

import { Loading } from '@/components/ui/query-state';
import { RequireRole } from '@/components/ui/require-role';
import { paths } from '@/config/paths';
import { ReviewPage } from '@/features/recognition/components/review-page';
import { useMe } from '@/lib/auth';

/** The review queues. A teacher's own applications are on their record (/me): they go there. */
export default function RecognitionRoute() {
  const me = useMe().data;
  if (!me) return <Loading />;
  if (me.role === 'teacher') return <Navigate to={paths.me} replace />;
  return (
    <RequireRole roles={['province', 'city', 'school_hr', 'expert']}>
      <ReviewPage me={me} />
    </RequireRole>
  );
}
