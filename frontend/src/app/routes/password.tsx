import { PasswordPage } from '@/features/recognition/components/password-page';

export default function PasswordRoute() {
  return <PasswordPage />;
}
