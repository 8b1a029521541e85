import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { alertsState } from '@/testing/mocks/alerts-handlers';
import { loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

// Round 43: a resolved alert no longer rings the bell (the API's unread count leaves it out);
// the page no longer calls it new either, read or not.
describe('a resolved alert', () => {
  afterEach(() => {
    alertsState.notifications = alertsState.notifications.filter((n) => n.id !== 98);
    for (const n of alertsState.notifications) n.read_at = null;
  });

  it('is listed under all, marked resolved and not new', async () => {
    alertsState.notifications.unshift({
      ...alertsState.notifications[0],
      id: 98,
      kind: 'review_waiting',
      title: '王小明的认定申请待审核',
      body: '',
      link: '/recognition?application=3',
      subject: 'application:3:submitted',
      read_at: null,
      resolved_at: '2026-12-02T08:00:00Z',
    });
    loginAs('hr_a');
    renderApp('/notifications');
    const user = userEvent.setup({ delay: null });
    // The unread list is what the bell counts: the open alert only.
    expect(await screen.findByText('王芳：有证书将于 2027-02-01 到期')).toBeInTheDocument();
    expect(screen.queryByText('王小明的认定申请待审核')).not.toBeInTheDocument();
    await user.click(screen.getByText('全部'));
    const title = await screen.findByText('王小明的认定申请待审核');
    const row = title.closest('[data-testid="notification"]') as HTMLElement;
    expect(within(row).getByText('已解除')).toBeInTheDocument();
    expect(within(row).queryByText('新')).not.toBeInTheDocument();
    expect(title).toHaveStyle({ fontWeight: '400' });
    const open = screen.getByText('王芳：有证书将于 2027-02-01 到期').closest('[data-testid="notification"]');
    await waitFor(() => expect(within(open as HTMLElement).getByText('新')).toBeInTheDocument());
  });
});
