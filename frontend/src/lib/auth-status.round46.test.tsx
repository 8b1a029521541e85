import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { api, ApiError, isUnauthenticated, setUnauthenticatedHandler } from '@/lib/api-client';
import { uploadWithProgress } from '@/lib/upload';
import { db, loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// The API answers 401 (`WWW-Authenticate: Token`) for no or ended credentials and 403 for a
// signed-in user who may not do something: only the first is "sign in again".
const API = '/api/v1';
const signedOut = () =>
  HttpResponse.json(
    { detail: '身份认证信息未提供。', code: 'not_authenticated' },
    { status: 401, headers: { 'WWW-Authenticate': 'Token' } },
  );
const forbidden = () => HttpResponse.json({ detail: '您没有执行该操作的权限。' }, { status: 403 });

describe('401 is "signed out", 403 is "not allowed"', () => {
  it('sends a user whose session ended to the login page and back to where they were', async () => {
    loginAs('hr_a');
    // The session ends on the server: the list answers 401 once (then the user signs in).
    server.use(http.get(`${API}/teachers/`, signedOut, { once: true }));
    const { router } = renderApp('/teachers?search=wang');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    db.me = null;
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText('用户名'), 'hr_a');
    await user.type(screen.getByLabelText('密码'), 'shuangshi-demo');
    await user.click(screen.getByRole('button', { name: '登 录' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/teachers'));
    expect(router.state.location.search).toBe('?search=wang');
    expect(await screen.findByTestId('current-user')).toBeInTheDocument();
  });

  it('keeps a user refused with a 403 signed in, on the page, with the refusal shown', async () => {
    loginAs('hr_a');
    server.use(http.get(`${API}/teachers/`, forbidden));
    const { router } = renderApp('/teachers');
    expect(await screen.findByText('您没有执行该操作的权限。')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/teachers');
    expect(screen.getByTestId('current-user')).toBeInTheDocument();
  });

  it('treats only a 401 as signed out: a 403 of any kind is an error, never a logout', async () => {
    expect(isUnauthenticated(new ApiError(401, { code: 'not_authenticated' }))).toBe(true);
    expect(isUnauthenticated(new ApiError(401, { code: 'authentication_failed' }))).toBe(true);
    expect(isUnauthenticated(new ApiError(403, { detail: '您没有执行该操作的权限。' }))).toBe(false);
    expect(isUnauthenticated(new ApiError(403, { code: 'password_change_required' }))).toBe(false);
    expect(isUnauthenticated(new ApiError(403, { detail: 'CSRF Failed: CSRF token missing.' }))).toBe(false);

    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    server.use(
      http.get(`${API}/refused/`, () =>
        HttpResponse.json({ code: 'password_change_required', detail: '请先修改初始密码。' }, { status: 403 }),
      ),
      http.get(`${API}/ended/`, signedOut),
    );
    await expect(api('/refused/')).rejects.toMatchObject({ status: 403 });
    expect(handler).not.toHaveBeenCalled();
    await expect(api('/ended/')).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledOnce();
  });

  it('signs out on an upload answered 401, not on one answered 403', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    server.use(http.post(`${API}/refused-upload/`, forbidden), http.post(`${API}/ended-upload/`, signedOut));
    await expect(uploadWithProgress('/refused-upload/', new FormData())).rejects.toMatchObject({ status: 403 });
    expect(handler).not.toHaveBeenCalled();
    await expect(uploadWithProgress('/ended-upload/', new FormData())).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledOnce();
  });
});
