import { RequireRole } from '@/components/ui/require-role';
import { AccountsList } from '@/features/accounts/components/accounts-list';

export default function AccountsRoute() {
  return (
    <RequireRole roles={['province']}>
      <AccountsList />
    </RequireRole>
  );
}
