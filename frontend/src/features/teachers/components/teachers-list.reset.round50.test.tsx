import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

// QA, round 50.
describe('teachers list search box, round 50', () => {
  it('is emptied by 重置 with the filters it cleared', async () => {
    loginAs('province');
    const { router } = renderApp('/teachers?search=王');
    const box = await screen.findByRole('searchbox', { name: '搜索' });
    expect(box).toHaveValue('王');
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: /重\s*置/ }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(box).toHaveValue('');
  });

  it('shows the search of an address opened later (Back, a link)', async () => {
    loginAs('province');
    const { router } = renderApp('/teachers');
    const box = await screen.findByRole('searchbox', { name: '搜索' });
    expect(box).toHaveValue('');
    await router.navigate('/teachers?search=李');
    await waitFor(() => expect(box).toHaveValue('李'));
  });
});
