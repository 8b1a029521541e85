import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

import type { Application, Decision, Objection, PublicityRow } from '../types';

export type ApplicationFilters = {
  round?: number;
  status?: string;
  school?: number;
  page?: number;
  page_size?: number;
};

export const applicationsQueryOptions = (filters: ApplicationFilters) =>
  queryOptions({
    queryKey: ['recognition', 'applications', filters],
    queryFn: ({ signal }) =>
      api<Paginated<Application>>('/recognition-applications/', { params: filters, signal }),
    placeholderData: keepPreviousData,
  });

/** `enabled: false` holds the request back (while an id from the address is checked). */
export function useApplications(filters: ApplicationFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...applicationsQueryOptions(filters), enabled });
}

export function usePublicity(round?: number) {
  return useQuery({
    queryKey: ['recognition', 'publicity', round],
    queryFn: ({ signal }) =>
      api<Paginated<PublicityRow>>('/recognition-applications/publicity/', {
        params: { round, page_size: 200 },
        signal,
      }),
  });
}

/** The objections to an application in full (the province only). */
export function useObjections(id: number) {
  return useQuery({
    queryKey: ['recognition', 'objections', id],
    queryFn: ({ signal }) => api<Objection[]>(`/recognition-applications/${id}/objections/`, { signal }),
  });
}

/** Any change to an application moves lists, publicity, recognitions and the ratios. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['recognition'] });
    void queryClient.invalidateQueries({ queryKey: ['ratios'] });
  };
}

export type ApplicationInput = {
  round: number;
  level: string;
  statement?: string;
  evidence?: number[];
  teacher?: number;
};

export function useCreateApplication() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (input: ApplicationInput) =>
      api<Application>('/recognition-applications/', { method: 'POST', body: input }),
    onSuccess: done,
  });
}

/** Change a draft (the one a refused submission left) before submitting it again. */
export function useUpdateApplication() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: Omit<ApplicationInput, 'teacher' | 'round'> & { id: number; version?: number }) =>
      api<Application>(`/recognition-applications/${id}/`, { method: 'PATCH', body: input }),
    onSuccess: done,
  });
}

export type ActionInput =
  | { id: number; action: 'submit' | 'withdraw' | 'finalize' }
  | { id: number; action: 'school-review' | 'province-review'; decision: Decision; opinion: string }
  | { id: number; action: 'votes'; decision: 'approve' | 'reject'; opinion: string }
  | { id: number; action: 'objections'; reason: string }
  | { id: number; action: 'resolve-objection'; upheld: boolean; opinion: string };

export function applicationAction(input: ActionInput) {
  const { id, action, ...body } = input;
  return api<Application>(`/recognition-applications/${id}/${action}/`, { method: 'POST', body });
}

export function useApplicationAction() {
  const done = useInvalidate();
  return useMutation({ mutationFn: applicationAction, onSuccess: done });
}
