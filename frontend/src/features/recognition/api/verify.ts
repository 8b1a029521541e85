import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Verify } from '../types';

/** Public: no login needed (the page sits outside the signed-in shell). */
export function useVerify(certificateNo: string) {
  return useQuery({
    queryKey: ['public', 'verify', certificateNo],
    queryFn: ({ signal }) =>
      api<Verify>(`/public/verify/${encodeURIComponent(certificateNo)}/`, { signal }),
    retry: false,
  });
}
