import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
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

  it('names the pages the header opens on a phone, where the title bar shows the page', async () => {
    phoneScreen();
    loginAs('hr_a');
    const { router } = renderApp('/jobs');
    await waitFor(() => expect(screen.getByTestId('page-title')).toHaveTextContent('我的任务'));
    expect(document.title).toBe('我的任务 · 双师型教师管理系统');
    await router.navigate('/notifications');
    await waitFor(() => expect(screen.getByTestId('page-title')).toHaveTextContent('消息提醒'));
  });

  it('names the city in a city user menu', async () => {
    loginAs('city_nc');
    renderApp('/dashboard');
    expect(await screen.findByRole('link', { name: '南昌市概览' })).toBeInTheDocument();
    // The header's user names the city as a title too, and in English in English.
    await waitFor(() => expect(screen.getByTestId('current-user')).toHaveTextContent(/ · 南昌市$/));
    await i18n.changeLanguage('en');
    try {
      await waitFor(() => expect(screen.getByTestId('current-user')).toHaveTextContent(/ · Nanchang$/));
      expect(screen.getByRole('link', { name: 'Nanchang overview' })).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
