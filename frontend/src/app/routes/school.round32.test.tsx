import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

describe('a school page opened by a city user', () => {
  // The breadcrumb said 全省概览 (the province's overview) while the city's menu says 南昌市概览.
  it('leads back to the city overview, named as in the menu', async () => {
    loginAs('city_nc');
    renderApp('/schools/1');
    const crumbs = await screen.findByRole('navigation', { name: (_, el) => el.classList.contains('ant-breadcrumb') });
    const home = await within(crumbs).findByRole('link', { name: '南昌市概览' });
    expect(home).toHaveAttribute('href', '/dashboard');
    expect(within(crumbs).queryByText('全省概览')).not.toBeInTheDocument();
  });

  it('still says the province overview to the province', async () => {
    loginAs('province');
    renderApp('/schools/1');
    const crumbs = await screen.findByRole('navigation', { name: (_, el) => el.classList.contains('ant-breadcrumb') });
    expect(within(crumbs).getByRole('link', { name: '全省概览' })).toHaveAttribute('href', '/dashboard');
  });
});
