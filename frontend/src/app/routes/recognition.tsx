import { Loading } from '@/components/ui/query-state';
import { ReviewPage } from '@/features/recognition/components/review-page';
import { useMe } from '@/lib/auth';

export default function RecognitionRoute() {
  const me = useMe().data;
  if (!me) return <Loading />;
  return <ReviewPage me={me} />;
}
