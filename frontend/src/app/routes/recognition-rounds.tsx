import { RoundsPage } from '@/features/recognition/components/rounds-page';
import { useMe } from '@/lib/auth';

export default function RecognitionRoundsRoute() {
  return <RoundsPage canEdit={useMe().data?.role === 'province'} />;
}
