import { ConfirmationsPage } from '@/features/recognition/components/confirmations-page';

export default function RecognitionConfirmationsRoute() {
  return <ConfirmationsPage />;
}
