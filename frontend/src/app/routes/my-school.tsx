import { NotFound } from '@/components/ui/not-found';
import { SchoolDashboard } from '@/features/ratios/components/school-dashboard';
import { useMe } from '@/lib/auth';

export default function MySchoolRoute() {
  const me = useMe().data;
  if (!me?.school) return <NotFound forbidden />;
  return <SchoolDashboard schoolId={me.school} />;
}
