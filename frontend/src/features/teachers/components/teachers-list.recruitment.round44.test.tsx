import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 44: HR can list the new hires who fail the recruitment check (DESIGN §4), which
// before showed only as a count in the ratios and the workbook.
describe('teachers list: recruitment check filter', () => {
  it('asks the API for the new hires who fail it and keeps it in the address', async () => {
    loginAs('hr_a');
    const seen: URLSearchParams[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/teachers/') seen.push(url.searchParams);
    });
    const { router } = renderApp('/teachers');
    const user = userEvent.setup({ delay: null });
    await screen.findByText(/名教师/);
    await user.click(screen.getByRole('combobox', { name: '新进教师来源' }));
    await user.click(await screen.findByTitle('不符合'));
    await waitFor(() => expect(seen.at(-1)?.get('recruitment')).toBe('not_met'));
    expect(router.state.location.search).toContain('recruitment=not_met');
  });

  it('reads the filter from a shared link', async () => {
    loginAs('hr_a');
    const seen: URLSearchParams[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/teachers/') seen.push(url.searchParams);
    });
    renderApp('/teachers?recruitment=met');
    await screen.findByText(/名教师/);
    expect(seen.at(-1)?.get('recruitment')).toBe('met');
  });
});
