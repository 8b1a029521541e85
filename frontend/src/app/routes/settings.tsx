import { EmptyState } from '@/components/ui/query-state';
import { RequireRole } from '@/components/ui/require-role';

export default function Route() {
  return (
    <RequireRole roles={['province']}>
      <EmptyState />
    </RequireRole>
  );
}
