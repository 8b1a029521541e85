import { PublicityPage } from '@/features/recognition/components/publicity-page';

export default function RecognitionPublicityRoute() {
  return <PublicityPage />;
}
