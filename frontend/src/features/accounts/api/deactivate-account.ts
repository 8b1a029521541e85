import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** DELETE deactivates: the account stays, for the audit trail, but cannot sign in. */
export const deactivateAccount = (id: number) => api<void>(`/users/${id}/`, { method: 'DELETE' });

export function useDeactivateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deactivateAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
