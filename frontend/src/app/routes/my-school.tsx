import { Space } from 'antd';

import { NotFound } from '@/components/ui/not-found';
import { PracticalHoursCard } from '@/features/hours/components/practical-hours-card';
import { SchoolDashboard } from '@/features/ratios/components/school-dashboard';
import { useMe } from '@/lib/auth';

export default function MySchoolRoute() {
  const me = useMe().data;
  // A teacher's account names their school too (auth/me/), but this page is its HR's.
  if (!me?.school || me.role === 'teacher') return <NotFound forbidden />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <SchoolDashboard schoolId={me.school} />
      <PracticalHoursCard />
    </Space>
  );
}
