import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { components } from '@/types/api';

type Schemas = components['schemas'];

export type Share = Schemas['RatioFigures'];

/** The scope's computed and recognized figures (ratios/summary, province block). */
export function useRecognizedShare() {
  return useQuery({
    queryKey: ['ratios', 'summary', 'recognized'],
    queryFn: ({ signal }) => api<{ province: Share }>('/ratios/summary/', { signal }),
  });
}

/** A teacher who should apply, or a recognized one who no longer meets the rules. */
export type GapRow = Schemas['GapTeacher'] & Partial<Pick<Schemas['Lapsed'], 'certificate_no' | 'recognition'>>;

export function useGaps() {
  return useQuery({
    queryKey: ['recognition', 'gaps'],
    queryFn: ({ signal }) =>
      api<Schemas['Gaps']>('/recognitions/gaps/', { signal }),
  });
}
