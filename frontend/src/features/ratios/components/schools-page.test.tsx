import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { phoneScreen, renderApp } from '@/testing/test-utils';

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

  it('shows the school, its ratio and gap first on a phone, the code under the name', async () => {
    phoneScreen();
    loginAs('province');
    renderApp('/schools');
    const table = await screen.findByRole('table');
    const link = await within(table).findByRole('link', { name: '九江中等专业学校' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 4)).toEqual(['学校', '占比', '缺口（人）', '状态']);
    expect(headers).not.toContain('学校代码');
    expect(within(link.closest('tr') as HTMLElement).getByTestId('school-code')).not.toBeEmptyDOMElement();
  });

  it('names the gap briefly in English on a phone, so that it fits beside the ratio', async () => {
    phoneScreen();
    await i18n.changeLanguage('en');
    try {
      loginAs('province');
      renderApp('/schools');
      const table = await screen.findByRole('table');
      await within(table).findByRole('link', { name: '九江中等专业学校' });
      const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
      expect(headers.slice(0, 4)).toEqual(['School', 'Ratio', 'Gap', 'Status']);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('shows the code, the name, the city and the kind first on a desktop', async () => {
    loginAs('province');
    renderApp('/schools');
    const table = await screen.findByRole('table');
    await within(table).findByRole('link', { name: '九江中等专业学校' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 4)).toEqual(['学校代码', '学校', '设区市', '学校类型']);
    expect(screen.queryByTestId('school-code')).not.toBeInTheDocument();
    // The header names the page; the page does not say it again.
    expect(screen.queryByRole('heading', { name: '学校' })).not.toBeInTheDocument();
  });
});
