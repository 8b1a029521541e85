import { Space } from 'antd';

import { useMe } from '@/lib/auth';

import { AppointmentsCard } from './appointments-card';
import { CountsCard } from './counts-card';
import { MentorsCard } from './mentors-card';

/** Industry mentors: a school's own (school HR), or every school's (province). */
export function MentorsPage() {
  const province = useMe().data?.role === 'province';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <CountsCard perSchool={province} />
      <AppointmentsCard showSchool={province} />
      <MentorsCard />
    </Space>
  );
}
