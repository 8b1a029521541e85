import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Account, AccountInput } from '../types/account';

/** POST a new account, or PATCH one when `id` is given (accounts carry no version). */
export const saveAccount = ({ id, ...data }: AccountInput & { id?: number }) =>
  id
    ? api<Account>(`/users/${id}/`, { method: 'PATCH', body: data })
    : api<Account>('/users/', { method: 'POST', body: data });

export function useSaveAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
