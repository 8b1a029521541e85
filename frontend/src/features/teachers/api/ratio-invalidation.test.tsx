import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';

import { makeQueryClient } from '@/lib/query-client';
import { RATIO_QUERY_ROOTS } from '@/lib/ratio-queries';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';

import { useCreateTeacher } from './create-teacher';
import { useDeleteCertificate } from './delete-certificate';
import { useDeleteEnterprisePeriod } from './delete-enterprise-period';
import { useDeleteTeacher } from './delete-teacher';
import { useSaveCertificate } from './save-certificate';
import { useSaveEnterprisePeriod } from './save-enterprise-period';
import { useUpdateTeacher } from './update-teacher';

const API = '/api/v1';
const ratioKeys = RATIO_QUERY_ROOTS.map((root) => [root, { school: 1 }]);

/** Run one mutation with the ratio figures cached (and fresh), as after visiting the overview. */
async function ratiosStaleAfter(useIt: () => { mutateAsync: (input: never) => Promise<unknown> }, input: unknown) {
  const queryClient = makeQueryClient();
  for (const key of [...ratioKeys, ['teachers', 'list', {}]]) queryClient.setQueryData(key, { results: [] });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const { result } = renderHook(useIt, { wrapper });
  await result.current.mutateAsync(input as never);
  await waitFor(() => expect(queryClient.getQueryState(ratioKeys[0])?.isInvalidated).toBe(true));
  return ratioKeys.map((key) => queryClient.getQueryState(key)?.isInvalidated);
}

describe('writes that can change a verdict mark the ratio figures stale', () => {
  const everyRatio = RATIO_QUERY_ROOTS.map(() => true);

  it.each([
    ['creating a teacher', useCreateTeacher, { name: '新教师', staff_no: 'N0001', id_number: '360102199001010011' }],
    ['updating a teacher', useUpdateTeacher, { id: 1, data: { course_type: 'public' } }],
    ['deleting a teacher', useDeleteTeacher, 1],
    ['saving a certificate', useSaveCertificate, { teacher: 1, kind: 'skill_level', level: 'grade4' }],
    ['deleting a certificate', useDeleteCertificate, { id: 1, teacher: 1 }],
    ['saving an enterprise period', useSaveEnterprisePeriod, { teacher: 1, kind: 'practice' }],
    ['deleting an enterprise period', useDeleteEnterprisePeriod, { id: 1, teacher: 1 }],
  ])('%s', async (_what, hook, input) => {
    loginAs('hr_a');
    server.use(
      http.delete(`${API}/certificates/:id/`, () => new HttpResponse(null, { status: 204 })),
      http.post(`${API}/enterprise-periods/`, () => HttpResponse.json({ id: 9, teacher: 1 }, { status: 201 })),
      http.delete(`${API}/enterprise-periods/:id/`, () => new HttpResponse(null, { status: 204 })),
    );
    expect(await ratiosStaleAfter(hook as never, input)).toEqual(everyRatio);
  });
});
