import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { TeacherAccountCard } from './teacher-account';

const API = '/api/v1';

type Row = { id: number; username: string; is_active: boolean; must_change_password: boolean; teacher: number };

/** One teacher (7) with an account; records what the card sends. */
function serve(account: Row) {
  const sent: { resets: number; patches: unknown[] } = { resets: 0, patches: [] };
  server.use(
    http.get(`${API}/users/`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const active = params.get('is_active');
      const rows = [account].filter(
        (row) => String(row.teacher) === params.get('teacher') && (active === null || String(row.is_active) === active),
      );
      return HttpResponse.json({ count: rows.length, next: null, previous: null, results: rows });
    }),
    http.post(`${API}/users/:id/reset-password/`, ({ params }) => {
      if (Number(params.id) !== account.id) return HttpResponse.json({ detail: 'Not found.' }, { status: 404 });
      if (!account.is_active)
        return HttpResponse.json({ is_active: ['该账号已停用，请先启用。'] }, { status: 400 });
      sent.resets += 1;
      account.must_change_password = true;
      return HttpResponse.json({ username: account.username, password: 'Ss-once-Xk3pq9' });
    }),
    http.patch(`${API}/users/:id/`, async ({ request }) => {
      const body = (await request.json()) as { is_active: boolean };
      sent.patches.push(body);
      account.is_active = body.is_active;
      return HttpResponse.json(account);
    }),
  );
  return sent;
}

const wangfang = (): Row => ({ id: 40, username: 'wangfang', is_active: true, must_change_password: false, teacher: 7 });

describe('the teacher page’s account card: reset and deactivate (round 33)', () => {
  it('resets the password after a confirm and shows the one-time password once, with a copy button', async () => {
    const user = userEvent.setup();
    const sent = serve(wangfang());
    renderWithProviders(<TeacherAccountCard teacher={7} />);
    expect(await screen.findByTestId('teacher-account')).toHaveTextContent('wangfang');
    await user.click(screen.getByRole('button', { name: /重置密码/ }));
    // Nothing is sent before the confirm.
    expect(sent.resets).toBe(0);
    await user.click(await screen.findByRole('button', { name: '确定重置' }));
    const shown = await screen.findByTestId('reset-password');
    expect(shown).toHaveTextContent('Ss-once-Xk3pq9');
    const dialog = shown.closest('.ant-modal') as HTMLElement;
    expect(within(dialog).getByText('wangfang')).toBeInTheDocument();
    expect(within(dialog).getByText(/只显示这一次/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: /复制|copy/i })).toBeInTheDocument();
    expect(sent.resets).toBe(1);
    // Once: closed, it is gone, and the card says the teacher must change it.
    await user.click(within(dialog).getByRole('button', { name: /知道了|OK/ }));
    await waitFor(() => expect(screen.queryByText('Ss-once-Xk3pq9')).not.toBeInTheDocument());
    expect(await screen.findByText(/须修改密码/)).toBeInTheDocument();
  });

  it('deactivates after a confirm, then offers to activate again', async () => {
    const user = userEvent.setup();
    const sent = serve(wangfang());
    renderWithProviders(<TeacherAccountCard teacher={7} />);
    await screen.findByTestId('teacher-account');
    await user.click(screen.getByRole('button', { name: /停用账号/ }));
    expect(sent.patches).toEqual([]);
    await user.click(await screen.findByRole('button', { name: '确定停用' }));
    await waitFor(() => expect(sent.patches).toEqual([{ is_active: false }]));
    // The deactivated account stays on the card (not an offer to create another).
    expect(await screen.findByText('已停用')).toBeInTheDocument();
    expect(screen.queryByTestId('create-account')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /重置密码/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /启用账号/ }));
    await user.click(await screen.findByRole('button', { name: '确定启用' }));
    await waitFor(() => expect(sent.patches).toEqual([{ is_active: false }, { is_active: true }]));
    expect(await screen.findByRole('button', { name: /停用账号/ })).toBeInTheDocument();
  });

  it('reads in English', async () => {
    await i18n.changeLanguage('en');
    const user = userEvent.setup();
    serve(wangfang());
    renderWithProviders(<TeacherAccountCard teacher={7} />);
    await screen.findByTestId('teacher-account');
    expect(screen.getByRole('button', { name: /Reset password/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Deactivate account/ }));
    expect(await screen.findByText(/can no longer sign in/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Deactivate' }));
    expect(await screen.findByText('Deactivated')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Activate account/ })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/[\u4e00-\u9fff]/);
  });

  it('still offers to create an account when the teacher has none', async () => {
    serve({ ...wangfang(), teacher: 8 });
    renderWithProviders(<TeacherAccountCard teacher={7} />);
    expect(await screen.findByTestId('create-account')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /重置密码/ })).not.toBeInTheDocument();
  });
});
