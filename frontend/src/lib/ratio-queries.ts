import type { QueryClient } from '@tanstack/react-query';

/** Queries whose answers count teachers' verdicts (school ratios, summaries, trend, candidates). */
export const RATIO_QUERY_ROOTS: readonly string[] = [
  'ratios-schools',
  'ratios-summary',
  'ratios-trend',
  'ratios-candidates',
];

/**
 * Mark the ratio figures stale after a write that can change a verdict or the scope (a teacher,
 * a certificate, an enterprise period): the overview pages otherwise show cached counts.
 */
export function invalidateRatios(queryClient: QueryClient) {
  return queryClient.invalidateQueries({
    predicate: (query) => RATIO_QUERY_ROOTS.includes(String(query.queryKey[0])),
  });
}
