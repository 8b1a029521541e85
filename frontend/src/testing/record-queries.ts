import { http } from 'msw';

import { server } from './mocks/server';

/** The query of every GET to `/api/v1<path>`, newest last; each request then goes on to the
 * mock handlers as before. For tests that assert what a screen asked the API for. */
export function recordQueries(path: string): URLSearchParams[] {
  const seen: URLSearchParams[] = [];
  server.use(
    http.get(`/api/v1${path}`, ({ request }) => {
      seen.push(new URL(request.url).searchParams);
      return undefined;
    }),
  );
  return seen;
}

/** The query of the router's current address. */
export const addressQuery = (router: { state: { location: { search: string } } }) =>
  new URLSearchParams(router.state.location.search);
