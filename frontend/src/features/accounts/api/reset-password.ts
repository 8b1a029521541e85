import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { components } from '@/types/api';

export type PasswordReset = components['schemas']['PasswordReset'];

/** A one-time password for someone else's active account, answered once (the API refuses
 * one's own, a deactivated one and a departed teacher's with a 400). */
export const resetPassword = (id: number) => api<PasswordReset>(`/users/${id}/reset-password/`, { method: 'POST' });

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    // The account now must change its password at the next sign-in.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
