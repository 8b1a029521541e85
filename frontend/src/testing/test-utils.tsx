import { render, screen, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ConfigProvider } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';

import { AppProvider } from '@/app/provider';
import { routes } from '@/app/routes-config';
import { makeQueryClient } from '@/lib/query-client';

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
 * The element with this text once no loading overlay covers it. antd's Spin keeps its blur
 * (pointer-events: none) for a render after the data has come, so a click aimed at a row
 * that has just appeared can land on the overlay (seen on a slow machine).
 */
export async function findClickableByText(text: string | RegExp): Promise<HTMLElement> {
  return waitFor(() => {
    const element = screen.getByText(text);
    if (element.closest('.ant-spin-blur')) throw new Error(`"${String(text)}" is still covered by a loading overlay`);
    return element;
  });
}
