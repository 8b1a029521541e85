import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { db, loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { phoneScreen, renderApp } from '@/testing/test-utils';

describe('teachers list', () => {
  it('renders a page of teachers with the total', async () => {
    loginAs('province');
    renderApp('/teachers');
    expect(await screen.findByText('共 30 名教师')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '王伟' })).toHaveAttribute('href', '/teachers/1');
    expect(screen.getAllByTestId('expiry-mark').length).toBeGreaterThan(0);
  });

  it('exports the filtered list as a background job', async () => {
    loginAs('province');
    const seen: string[] = [];
    server.use(
      http.post('*/api/v1/exports/teachers/', ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({ id: 9, status: 'queued' }, { status: 202 });
      }),
    );
    renderApp('/teachers');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /导出 Excel/ }));
    expect(await screen.findByTestId('export-started')).toHaveTextContent('我的任务');
    expect(seen).toEqual(['?active=true']);
  });

  it('searches and filters through query parameters', async () => {
    loginAs('province');
    const seen: URLSearchParams[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/teachers/') seen.push(url.searchParams);
    });
    const { router } = renderApp('/teachers');
    const user = userEvent.setup({ delay: null });
    await screen.findByText('共 30 名教师');

    await user.type(screen.getByPlaceholderText('姓名、工号或专业'), 'T0002{enter}');
    await waitFor(() => expect(screen.getByText('共 1 名教师')).toBeInTheDocument());
    expect(screen.getByRole('link', { name: '李敏' })).toBeInTheDocument();
    expect(router.state.location.search).toContain('search=T0002');
    expect(seen.at(-1)?.get('search')).toBe('T0002');
    expect(seen.at(-1)?.get('active')).toBe('true');
  });

  it('filters by qualification level', async () => {
    loginAs('province');
    renderApp('/teachers?qualification_level=senior');
    expect(await screen.findByText('共 7 名教师')).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(within(table).queryByText('不符合条件')).not.toBeInTheDocument();
  });

  it('lists everyone or only those who left on request', async () => {
    loginAs('province');
    db.teachers[0].left_on = '2024-07-31';
    const { router } = renderApp('/teachers?active=all');
    expect(await screen.findByText('共 30 名教师')).toBeInTheDocument();
    await router.navigate('/teachers');
    expect(await screen.findByText('共 29 名教师')).toBeInTheDocument();
    await router.navigate('/teachers?active=false');
    expect(await screen.findByText('共 1 名教师')).toBeInTheDocument();
  });

  it('shows the name and the level first on a phone, the staff number under the name', async () => {
    phoneScreen();
    loginAs('province');
    renderApp('/teachers');
    await screen.findByText('共 30 名教师');
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 4)).toEqual(['姓名', '测算等级', '官方认定', '学校']);
    expect(headers).not.toContain('工号');
    expect(headers).not.toContain('性别');
    const row = screen.getByRole('link', { name: '王伟' }).closest('tr') as HTMLElement;
    expect(within(row).getByTestId('staff-no')).toHaveTextContent(db.teachers[0].staff_no);
  });

  it('shows the staff number first and the level last on a desktop', async () => {
    loginAs('province');
    renderApp('/teachers');
    await screen.findByText('共 30 名教师');
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(0, 2)).toEqual(['工号', '姓名']);
    expect(headers.slice(-2)).toEqual(['测算等级', '官方认定']);
    expect(screen.queryByTestId('staff-no')).not.toBeInTheDocument();
  });

  it('hides the school column and filter from school HR', async () => {
    loginAs('hr_a');
    renderApp('/teachers');
    await screen.findByText('共 10 名教师');
    expect(screen.queryByRole('columnheader', { name: '学校' })).not.toBeInTheDocument();
  });

  it('shows an error state when the API fails', async () => {
    loginAs('province');
    server.use(http.get('/api/v1/teachers/', () => HttpResponse.json({ detail: 'boom' }, { status: 500 })));
    renderApp('/teachers');
    expect(await screen.findByText('加载失败')).toBeInTheDocument();
  });

  it('answers 404 for a teacher outside the scope', async () => {
    loginAs('hr_a');
    renderApp('/teachers/2');
    expect(await screen.findByText('404')).toBeInTheDocument();
  });
});
