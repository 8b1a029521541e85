import { render, screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { ConfigProvider } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';

import { AppProvider } from '@/app/provider';
import { routes } from '@/app/routes-config';
import { makeQueryClient } from '@/lib/query-client';

/** A phone for the rest of the test: no (min-width: …) query matches (setup-tests puts the
 * desktop back after each test). */
export function phoneScreen() {
  const desktop = window.matchMedia;
  window.matchMedia = ((query: string) => ({ ...desktop(query), matches: false })) as typeof window.matchMedia;
}

/** The whole app (real routes, providers, MSW behind fetch) at `path`. */
export function renderApp(path = '/') {
  const queryClient = makeQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const utils = render(
    <AppProvider queryClient={queryClient}>
      {/* No animations in the test DOM: faster, and nothing waits for a transition to end. */}
      <ConfigProvider theme={{ token: { motion: false } }}>
        <RouterProvider router={router} />
      </ConfigProvider>
    </AppProvider>,
  );
  return { ...utils, router, queryClient };
}

/** One component with the app's providers (no router): a drawer or a card on its own. */
export function renderWithProviders(ui: ReactElement) {
  return render(
    <AppProvider queryClient={makeQueryClient()}>
      <ConfigProvider theme={{ token: { motion: false } }}>{ui}</ConfigProvider>
    </AppProvider>,
  );
}

/**
 * Click the element with this text once nothing covers it. antd's Spin blurs its list
 * (pointer-events: none) while it loads and for a render after; on a loaded machine a click
 * aimed at a row that had just appeared met the blur (CI, twice). user-event refuses such a
 * click before it sends any event, so it is tried again until the row takes it.
 */
export async function clickWhenClickable(user: UserEvent, text: string | RegExp): Promise<void> {
  await waitFor(() => user.click(screen.getByText(text)));
}
