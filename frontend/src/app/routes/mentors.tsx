import { RequireRole } from '@/components/ui/require-role';
import { MentorsPage } from '@/features/mentors/components/mentors-page';

export default function MentorsRoute() {
  return (
    <RequireRole roles={['school_hr', 'province']}>
      <MentorsPage />
    </RequireRole>
  );
}
