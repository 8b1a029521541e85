import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';

import { makeQueryClient } from '@/lib/query-client';
import { RATIO_QUERY_ROOTS } from '@/lib/ratio-queries';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';

import { useDeleteAppointment } from './delete-appointment';
import { useSaveAppointment } from './save-appointment';
import { useSaveMentor } from './save-mentor';

// Round 47: /my-school's staffing card (the school's ratios) kept the old mentor count for
// up to 30 s after an appointment was saved, ended or deleted.

const API = '/api/v1';
const ratioKeys = RATIO_QUERY_ROOTS.map((root) => [root, { school: 1 }]);

describe('mentor writes mark the ratio figures stale', () => {
  it.each([
    ['saving an appointment', useSaveAppointment, { mentor_id_number: '360102198506150011', mode: 'teaching', start_on: '2026-03-01', hours: 8 }],
    ['ending an appointment', useSaveAppointment, { id: 1, version: 1, end_on: '2026-06-30' }],
    ['deleting an appointment', useDeleteAppointment, 1],
    ['saving a mentor', useSaveMentor, { id: 1, version: 1, name: '宋立新' }],
  ])('%s', async (_what, hook, input) => {
    loginAs('hr_a');
    server.use(
      http.post(`${API}/mentor-appointments/`, () => HttpResponse.json({ id: 9, version: 1 }, { status: 201 })),
      http.patch(`${API}/mentor-appointments/:id/`, () => HttpResponse.json({ id: 1, version: 2 })),
      http.delete(`${API}/mentor-appointments/:id/`, () => new HttpResponse(null, { status: 204 })),
      http.patch(`${API}/mentors/:id/`, () => HttpResponse.json({ id: 1, version: 2 })),
    );
    const queryClient = makeQueryClient();
    for (const key of ratioKeys) queryClient.setQueryData(key, { results: [] });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(hook as () => { mutateAsync: (input: never) => Promise<unknown> }, { wrapper });
    await result.current.mutateAsync(input as never);
    await waitFor(() =>
      expect(ratioKeys.map((key) => queryClient.getQueryState(key)?.isInvalidated)).toEqual(ratioKeys.map(() => true)),
    );
  });
});
