import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { alertsState } from '@/testing/mocks/alerts-handlers';
import { loginAs } from '@/testing/mocks/db';
import { clickWhenClickable, renderApp } from '@/testing/test-utils';

describe('notifications', () => {
  beforeEach(() => {
    for (const n of alertsState.notifications) n.read_at = null;
    alertsState.emailEnabled = true;
    alertsState.digestLanguage = '';
  });

  it('the bell counts the unread; opening an alert marks it read and goes to the teacher', async () => {
    loginAs('hr_a');
    const { router } = renderApp('/');
    const user = userEvent.setup({ delay: null });
    const bell = await screen.findByRole('button', { name: '消息提醒：1 条未读' });
    await user.click(bell);
    await waitFor(() => expect(router.state.location.pathname).toBe('/notifications'));
    await clickWhenClickable(user, '王芳：有证书将于 2027-02-01 到期');
    await waitFor(() => expect(router.state.location.pathname).toBe('/teachers/1'));
    expect(router.state.location.search).toBe('?certificate=1');
    expect(alertsState.notifications[0].read_at).not.toBeNull();
  });

  // A finished import's notice links to its API record: the app showed its 404 page.
  it('a finished import’s notice opens my jobs', async () => {
    alertsState.notifications.unshift({
      ...alertsState.notifications[0],
      id: 99,
      kind: 'job_finished',
      title: 'teachers.xlsx 已完成',
      body: '',
      link: '/api/v1/imports/6/',
      subject: 'job:12',
      due_on: '2026-12-01',
    });
    try {
      loginAs('hr_a');
      const { router } = renderApp('/notifications');
      const user = userEvent.setup({ delay: null });
      await clickWhenClickable(user, 'teachers.xlsx 已完成');
      await waitFor(() => expect(router.state.location.pathname).toBe('/jobs'));
    } finally {
      alertsState.notifications.shift();
    }
  });

  it('a user turns the e-mail digest off', async () => {
    loginAs('hr_a');
    renderApp('/notifications');
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByText(/hr@example\.cn/)).toBeInTheDocument();
    const toggle = await screen.findByRole('switch');
    await waitFor(() => expect(toggle).toBeChecked());
    await user.click(toggle);
    await waitFor(() => expect(alertsState.emailEnabled).toBe(false));
  });

  it('a user chooses the e-mail\'s language, Chinese until they do, apart from the screen\'s', async () => {
    loginAs('hr_a');
    renderApp('/notifications');
    const user = userEvent.setup({ delay: null });
    const language = await screen.findByTestId('digest-language');
    expect(screen.getByText('邮件语言')).toBeInTheDocument();
    await waitFor(() => expect(within(language).getByRole('radio', { name: '中文' })).toBeChecked());
    await user.click(within(language).getByText('English'));
    await waitFor(() => expect(alertsState.digestLanguage).toBe('en'));
    expect(alertsState.emailEnabled).toBe(true); // the other setting untouched
    await waitFor(() => expect(within(language).getByRole('radio', { name: 'English' })).toBeChecked());
    expect(document.documentElement.lang).toBe('zh-CN'); // the screen stays Chinese
  });

  it('the province sees the lead times; HR does not', async () => {
    loginAs('province');
    const { unmount } = renderApp('/notifications');
    expect(await screen.findByText('提醒提前天数')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByDisplayValue('180')).toHaveLength(2));
    expect(screen.getByDisplayValue('60')).toBeInTheDocument();
    unmount();
    loginAs('hr_a');
    renderApp('/notifications');
    expect(await screen.findByText('每日邮件摘要')).toBeInTheDocument();
    expect(screen.queryByText('提醒提前天数')).not.toBeInTheDocument();
  });
});
