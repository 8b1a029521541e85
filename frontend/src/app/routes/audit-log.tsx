import { RequireRole } from '@/components/ui/require-role';
import { AuditLogPage } from '@/features/audit/components/audit-log-page';

export default function AuditLogRoute() {
  return (
    <RequireRole roles={['province']}>
      <AuditLogPage />
    </RequireRole>
  );
}
