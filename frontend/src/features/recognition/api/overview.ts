import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export type Share = {
  in_scope: number;
  qualified: number;
  ratio: number | null;
  recognized: number;
  recognized_ratio: number | null;
  recognized_gap: number | null;
  target: number;
};

/** The scope's computed and recognized figures (ratios/summary, province block). */
export function useRecognizedShare() {
  return useQuery({
    queryKey: ['ratios', 'summary', 'recognized'],
    queryFn: ({ signal }) => api<{ province: Share }>('/ratios/summary/', { signal }),
  });
}

export type GapRow = {
  teacher: number;
  teacher_name: string;
  school_name: string;
  level: string;
  certificate_no?: string;
  recognition?: number;
};

export function useGaps() {
  return useQuery({
    queryKey: ['recognition', 'gaps'],
    queryFn: ({ signal }) =>
      api<{ should_apply: GapRow[]; no_longer_qualified: GapRow[] }>('/recognitions/gaps/', { signal }),
  });
}
