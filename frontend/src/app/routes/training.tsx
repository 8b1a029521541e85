import { RequireRole } from '@/components/ui/require-role';
import { BaseTraining } from '@/features/training/components/base-training';
import { ProvinceTraining } from '@/features/training/components/province-training';
import { useMe } from '@/lib/auth';

export default function TrainingRoute() {
  const me = useMe().data;
  return (
    <RequireRole roles={['base_staff', 'province']}>
      {me?.role === 'province' ? <ProvinceTraining /> : <BaseTraining />}
    </RequireRole>
  );
}
