import { RequireRole } from '@/components/ui/require-role';
import { SettingsPage } from '@/features/settings/components/settings-page';

export default function SettingsRoute() {
  return (
    <RequireRole roles={['province']}>
      <SettingsPage />
    </RequireRole>
  );
}
