import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, isUnauthenticated } from '@/lib/api-client';
import type { components } from '@/types/api';

/** Every role of the schema's enum (teacher and expert included). */
export type Role = components['schemas']['RoleEnum'];

/** The signed-in user (generated from /api/schema/). */
export type Me = components['schemas']['Me'];

export const meQueryKey = ['auth', 'me'] as const;

// The session cookie is HttpOnly; this marker says whether this browser signed in, so that a
// visitor who never did is not asked about (a 401 in the console on every login page load).
const SIGNED_IN = 'shuangshi.signedIn';

export function markSignedIn(on: boolean) {
  try {
    if (on) localStorage.setItem(SIGNED_IN, '1');
    else localStorage.removeItem(SIGNED_IN);
  } catch {
    // Storage refused (private mode): we simply ask the server each time.
  }
}

function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN) !== null;
  } catch {
    return true;
  }
}

/** The signed-in user, or null when there is none (401 from the API). */
export async function getMe(): Promise<Me | null> {
  if (!maybeSignedIn()) return null;
  try {
    return await api<Me>('/auth/me/');
  } catch (error) {
    // A 401 means "nobody is signed in"; anything else (a 403, a 500) is an error to show.
    if (isUnauthenticated(error)) {
      markSignedIn(false);
      return null;
    }
    throw error;
  }
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 5 * 60 * 1000, retry: false });

export function useMe() {
  return useQuery(meQueryOptions());
}

/** Can this user write teachers and their records? */
export function canEditTeachers(me: Me | null | undefined): boolean {
  return me?.role === 'school_hr' || me?.role === 'province';
}

export type LoginInput = { username: string; password: string };

export async function login(input: LoginInput): Promise<Me> {
  return api<Me>('/auth/login/', { method: 'POST', body: input });
}

export async function logout(): Promise<void> {
  await api<void>('/auth/logout/', { method: 'POST' });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      markSignedIn(true);
      // A new user must not see the previous user's cached rows.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      markSignedIn(false);
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}

/** Where each role lands after login. */
export function homePathFor(me: Me): string {
  switch (me.role) {
    case 'province':
    case 'city':
      return '/dashboard';
    case 'school_hr':
      return '/my-school';
    case 'base_staff':
      return '/training';
    case 'teacher':
      return '/me';
    case 'expert':
      return '/recognition';
  }
}
