import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { components } from '@/types/api';

/** One created (or already existing: password null) teacher account; the password is shown once. */
export type TeacherAccount = components['schemas']['TeacherAccount'];

/** School HR opens accounts for several of its teachers at once. */
export function useCreateTeacherAccounts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (teachers: number[]) =>
      api<TeacherAccount[]>('/users/teacher-accounts/', { method: 'POST', body: { teachers } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}
