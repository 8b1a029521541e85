import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { db, loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

describe('login', () => {
  it('sends an anonymous visitor to the login page', async () => {
    const { router } = renderApp('/teachers');
    expect(await screen.findByRole('button', { name: '登 录' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('shows the server message on bad credentials', async () => {
    renderApp('/login');
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText('用户名'), 'hr_a');
    await user.type(screen.getByLabelText('密码'), 'wrong');
    await user.click(screen.getByRole('button', { name: '登 录' }));
    expect(await screen.findByText('用户名或密码错误。')).toBeInTheDocument();
  });

  it('logs school HR in, lands on its school and returns to the page asked for', async () => {
    const { router } = renderApp('/teachers');
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText('用户名'), 'hr_a');
    await user.type(screen.getByLabelText('密码'), 'shuangshi-demo');
    await user.click(screen.getByRole('button', { name: '登 录' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/teachers'));
    expect(await screen.findByTestId('current-user')).toHaveTextContent('王人事 · 学校人事');
  });

  it('logs out back to the login page', async () => {
    loginAs('hr_a');
    const { router } = renderApp('/teachers');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('user-menu'));
    await user.click(await screen.findByText('退出登录'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
  });

  it('sends the user back to login when the session has expired', async () => {
    loginAs('hr_a');
    const { router } = renderApp('/teachers');
    await screen.findByTestId('current-user');
    // The session ends on the server; the next request answers 401 "not provided".
    db.me = null;
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('link', { name: '王伟' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
  });
});

describe('the login page for a visitor who never signed in', () => {
  it('does not ask the server who is signed in (no 401 in the console)', async () => {
    const { server } = await import('@/testing/mocks/server');
    const { http, HttpResponse } = await import('msw');
    let asked = 0;
    server.use(
      http.get('/api/v1/auth/me/', () => {
        asked += 1;
        return HttpResponse.json({ detail: 'not provided' }, { status: 401 });
      }),
    );
    renderApp('/login');
    expect(await screen.findByRole('button', { name: '登 录' })).toBeInTheDocument();
    expect(asked).toBe(0);
  });
});
