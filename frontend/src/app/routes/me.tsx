import { Space } from 'antd';

import { NotFound } from '@/components/ui/not-found';
import { ErrorState, Loading } from '@/components/ui/query-state';
import { MyDutyCard } from '@/features/duty/components/my-duty-card';
import { MyRecordPanels } from '@/features/recognition/components/my-record';
import { useTeacher } from '@/features/teachers/api/get-teacher';
import { MyDetailsCard } from '@/features/teachers/components/my-details-card';
import { QualificationCard } from '@/features/teachers/components/qualification-card';
import { useMe } from '@/lib/auth';

/** A teacher's own page (phones first): verdict and what is missing, the official recognition
 * in force beside the verdict (DESIGN §8), the facts the verdict reads about them (我的信息),
 * then their records, proposals and recognition applications. */
export default function MeRoute() {
  const me = useMe().data;
  const id = me?.teacher ?? NaN;
  const teacher = useTeacher(id);
  if (!me?.teacher) return <NotFound />;
  if (teacher.isPending) return <Loading />;
  if (teacher.isError) return <ErrorState error={teacher.error} onRetry={() => void teacher.refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <QualificationCard qualification={teacher.data.qualification} teacher={me.teacher} />
      <MyDetailsCard teacher={teacher.data} />
      <MyDutyCard />
      <MyRecordPanels teacher={me.teacher} />
    </Space>
  );
}
