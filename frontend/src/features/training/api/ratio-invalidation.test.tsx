import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';

import { makeQueryClient } from '@/lib/query-client';
import { RATIO_QUERY_ROOTS } from '@/lib/ratio-queries';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';

import { useDeleteCompletion } from './delete-completion';
import { useSaveCompletion } from './save-completion';

const API = '/api/v1';
const ratioKeys = RATIO_QUERY_ROOTS.map((root) => [root, { school: 1 }]);

describe('a completion re-evaluates its teacher, so the ratio figures go stale', () => {
  it.each([
    ['logging a completion', useSaveCompletion, { program: 1, teacher_id_number: '360102199001010011', hours: 40 }],
    ['deleting a completion', useDeleteCompletion, 7],
  ])('%s', async (_what, hook, input) => {
    loginAs('base_a');
    server.use(
      http.post(`${API}/training-completions/`, () => HttpResponse.json({ id: 7 }, { status: 201 })),
      http.delete(`${API}/training-completions/:id/`, () => new HttpResponse(null, { status: 204 })),
    );
    const queryClient = makeQueryClient();
    for (const key of ratioKeys) queryClient.setQueryData(key, { results: [] });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(hook as () => { mutateAsync: (input: never) => Promise<unknown> }, {
      wrapper,
    });
    await result.current.mutateAsync(input as never);
    await waitFor(() => expect(queryClient.getQueryState(ratioKeys[0])?.isInvalidated).toBe(true));
    expect(ratioKeys.map((key) => queryClient.getQueryState(key)?.isInvalidated)).toEqual(
      RATIO_QUERY_ROOTS.map(() => true),
    );
  });
});
