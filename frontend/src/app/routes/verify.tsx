import { useParams } from 'react-router-dom';

import { VerifyPage } from '@/features/recognition/components/verify-page';

export default function VerifyRoute() {
  return <VerifyPage certificateNo={useParams().no ?? ''} />;
}
