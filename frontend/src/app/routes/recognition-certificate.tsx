import { useParams } from 'react-router-dom';

import { NotFound } from '@/components/ui/not-found';
import { CertificatePage } from '@/features/recognition/components/certificate-page';

export default function RecognitionCertificateRoute() {
  const id = Number(useParams().id);
  if (!Number.isFinite(id)) return <NotFound />;
  return <CertificatePage id={id} />;
}
