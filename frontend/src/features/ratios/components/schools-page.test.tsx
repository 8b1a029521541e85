import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

describe('schools page', () => {
  it('lists every school with its status, searches by name and drills down', async () => {
    loginAs('province');
    const { router } = renderApp('/schools');
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('link').length).toBeGreaterThan(2));
    expect(within(table).getAllByText('已达标').length).toBeGreaterThan(0);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText('学校名称或代码'), '九江{Enter}');
    await waitFor(() => expect(router.state.location.search).toBe('?search=%E4%B9%9D%E6%B1%9F'));
    const filtered = await screen.findByRole('table');
    await waitFor(() =>
      expect(within(filtered).getAllByRole('link').map((a) => a.textContent)).toEqual(['九江中等专业学校']),
    );
    await user.click(within(filtered).getByRole('link', { name: '九江中等专业学校' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/schools/2'));
  });
});
