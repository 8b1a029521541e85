import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { phoneScreen, renderApp } from '@/testing/test-utils';

describe('layout', () => {
  it('puts the menu in a drawer and logout in the user menu on a phone', async () => {
    phoneScreen();
    loginAs('hr_a');
    const { router } = renderApp('/teachers');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('nav-toggle'));
    await user.click(await screen.findByRole('link', { name: '本校概览' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/my-school'));
    await user.click(screen.getByTestId('user-menu'));
    expect(await screen.findByText('退出登录')).toBeInTheDocument();
  });

  it('names the city in a city user menu', async () => {
    loginAs('city_nc');
    renderApp('/dashboard');
    expect(await screen.findByRole('link', { name: '南昌市概览' })).toBeInTheDocument();
  });
});
