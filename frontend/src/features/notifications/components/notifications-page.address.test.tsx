import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { alertsState } from '@/testing/mocks/alerts-handlers';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// The notifications keep their tab (unread or all) and page in the address: Back from the
// page an alert led to comes back to the same tab and page.
const NO_MATCH = '没有符合条件的记录，请修改或清除搜索和筛选条件。';

/** 45 notifications, one a page, titled by tab and page; none where `empty` says so. Keeps each query. */
function notifications({ empty = () => false }: { empty?: (q: URLSearchParams) => boolean } = {}) {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get('/api/v1/notifications/', ({ request }) => {
      const q = new URL(request.url).searchParams;
      asked.push(q);
      if (empty(q)) return HttpResponse.json({ count: 0, next: null, previous: null, results: [] });
      const title = `${q.get('unread') ? '未读' : '全部'}第 ${q.get('page')} 页`;
      const row = { ...alertsState.notifications[0], title };
      return HttpResponse.json({ count: 45, next: null, previous: null, results: [row] });
    }),
  );
  return asked;
}

describe('the notifications in the address', () => {
  it('open at the address’s tab and page, and ask the API for them', async () => {
    const asked = notifications();
    loginAs('hr_a');
    renderApp('/notifications?show=all&page=2');
    expect(await screen.findByText('全部第 2 页')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '全部' })).toBeChecked();
    expect(screen.getByRole('listitem', { name: '2' })).toHaveClass('ant-pagination-item-active');
    // The count beside the pages, as the tables show it.
    expect(screen.getByText('共 45 条')).toBeInTheDocument();
    expect(asked.at(-1)?.has('unread')).toBe(false);
    expect(asked.at(-1)?.get('page')).toBe('2');
  });

  it('write the tab to the address, back at the first page; the unread ones (the default) leave it out', async () => {
    const asked = notifications();
    loginAs('hr_a');
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp('/notifications?page=3');
    expect(await screen.findByText('未读第 3 页')).toBeInTheDocument();
    await user.click(screen.getByText('全部'));
    expect(await screen.findByText('全部第 1 页')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?show=all');
    await waitFor(() => user.click(screen.getByRole('listitem', { name: '2' })));
    await waitFor(() => expect(router.state.location.search).toBe('?show=all&page=2'));
    await user.click(screen.getByText('未读'));
    expect(await screen.findByText('未读第 1 页')).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
    expect(asked.at(-1)?.get('unread')).toBe('true');
  });

  it('take an unknown tab or a bad page as the first page of the unread ones', async () => {
    const asked = notifications();
    loginAs('hr_a');
    renderApp('/notifications?show=everything&page=1.5');
    expect(await screen.findByText('未读第 1 页')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '未读' })).toBeChecked();
    expect(asked.every((q) => q.get('unread') === 'true' && q.get('page') === '1')).toBe(true);
  });

  it('says none is unread on the unread tab, and no messages when there are none at all', async () => {
    notifications({ empty: () => true });
    loginAs('hr_a');
    const user = userEvent.setup({ delay: null });
    renderApp('/notifications');
    expect(await screen.findByText('没有未读消息')).toBeInTheDocument();
    expect(screen.queryByText(NO_MATCH)).not.toBeInTheDocument();
    await user.click(screen.getByText('全部'));
    expect(await screen.findByText('暂无消息')).toBeInTheDocument();
    expect(screen.queryByText('没有未读消息')).not.toBeInTheDocument();
  });
});
