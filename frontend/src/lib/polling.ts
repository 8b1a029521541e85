/**
 * How long to wait before asking about background work again, by how long it has been busy
 * in the same state: a 10,000-row import validates in about 0.3 s and commits in about 0.6 s,
 * a workbook takes a few seconds, so the first second is asked every 50 ms (the answer shows
 * at most 50 ms after it is there, 25 ms on average), the next every 100 ms, and long work
 * less and less (each ask costs the server a request, about 2.5 ms of CPU).
 */
export function busyPollMs(busyForMs: number): number {
  if (busyForMs < 1_000) return 50;
  if (busyForMs < 2_000) return 100;
  if (busyForMs < 20_000) return 250;
  return 1_000;
}

type Watched<T> = { state: { data?: T } };

/**
 * A TanStack Query `refetchInterval` for data that says whether work is under way:
 * `busyState` names the state it is busy in (null: idle). The time in that state is counted
 * from when this client first saw it (the server's clock may differ from this one), and
 * starts again when the state changes; while idle it asks every `idleMs` (false: never).
 * Make it once (module level), not per render: it remembers each query's state by the query.
 */
export function busyPoller<T>(busyState: (data: T | undefined) => string | null, idleMs: number | false = false) {
  const since = new WeakMap<object, { state: string; at: number }>();
  return (query: Watched<T>): number | false => {
    const state = busyState(query.state.data);
    if (state === null) {
      since.delete(query);
      return idleMs;
    }
    const now = Date.now();
    let seen = since.get(query);
    if (seen?.state !== state) {
      seen = { state, at: now };
      since.set(query, seen);
    }
    return busyPollMs(now - seen.at);
  };
}
