import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// The audit log keeps its filters and page in the address: Back, a reload and a shared link
// show the same entries.
const entry = {
  id: 1,
  timestamp: '2026-12-05T08:30:00Z',
  action: 'delete',
  model: 'certificate',
  object_id: 7,
  object_repr: '电工证',
  actor: 'hr_a',
  changes: {},
  additional_data: null,
  remote_addr: null,
};

/** The audit log's handler: 45 entries (one shown), none where `empty` says so; keeps each query. */
function auditLog({ empty = () => false }: { empty?: (q: URLSearchParams) => boolean } = {}) {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get('/api/v1/audit-log/', ({ request }) => {
      const q = new URL(request.url).searchParams;
      asked.push(q);
      return empty(q)
        ? HttpResponse.json({ count: 0, next: null, previous: null, results: [] })
        : HttpResponse.json({ count: 45, next: null, previous: null, results: [entry] });
    }),
  );
  return asked;
}

const chosen = (name: string) =>
  screen.getByRole('combobox', { name }).closest('.ant-select')?.querySelector('[title]')?.getAttribute('title');
const query = (search: string) => Object.fromEntries(new URLSearchParams(search));

describe('the audit log in the address', () => {
  it('opens with the address’s filters, days and page, and asks the API for them', async () => {
    const asked = auditLog();
    loginAs('province');
    renderApp(
      '/audit-log?action=delete&model=certificate&actor=hr_a' +
        '&since=2026-12-01T00:00:00%2B08:00&until=2026-12-06T00:00:00%2B08:00&page=2',
    );
    await screen.findByText('电工证');
    expect(chosen('操作')).toBe('删除');
    expect(chosen('记录类型')).toBe('证书');
    // The last day shown is the day before `until`.
    expect(screen.getByLabelText('开始日期')).toHaveValue('2026-12-01');
    expect(screen.getByLabelText('结束日期')).toHaveValue('2026-12-05');
    expect(screen.getByText('共 45 条')).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: '2' })).toHaveClass('ant-pagination-item-active');
    expect(Object.fromEntries(asked.at(-1)!)).toMatchObject({
      action: 'delete',
      model: 'certificate',
      actor: 'hr_a',
      since: '2026-12-01T00:00:00+08:00',
      until: '2026-12-06T00:00:00+08:00',
      page: '2',
    });
  });

  it('writes a changed filter and the days to the address, back at the first page', async () => {
    const asked = auditLog();
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    const { router } = renderApp('/audit-log?action=delete&page=3');
    await screen.findByText('电工证');
    await user.click(screen.getByRole('combobox', { name: '操作' }));
    await user.click((await screen.findAllByTitle('新增')).at(-1)!);
    await waitFor(() => expect(query(router.state.location.search)).toEqual({ action: 'create' }));
    await waitFor(() => expect(asked.at(-1)?.get('action')).toBe('create'));
    expect(asked.at(-1)?.get('page')).toBe('1');

    // The table is blurred (pointer-events: none) while it loads: the click waits for it.
    await waitFor(() => user.click(screen.getByRole('listitem', { name: '2' })));
    await waitFor(() => expect(query(router.state.location.search)).toEqual({ action: 'create', page: '2' }));
    for (const [label, value] of [['开始日期', '2026-12-01'], ['结束日期', '2026-12-05']]) {
      const input = screen.getByLabelText(label);
      fireEvent.mouseDown(input);
      fireEvent.change(input, { target: { value } });
      fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    }
    await waitFor(() =>
      expect(query(router.state.location.search)).toEqual({
        action: 'create',
        since: '2026-12-01T00:00:00+08:00',
        until: '2026-12-06T00:00:00+08:00',
      }),
    );

    // 重置 empties the fields and takes the list's keys out of the address.
    await user.click(screen.getByRole('button', { name: /重\s*置/ }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(screen.getByLabelText('开始日期')).toHaveValue('');
    expect(screen.getByLabelText('结束日期')).toHaveValue('');
    expect(chosen('操作')).toBeFalsy();
  });

  it('leaves out what the API would refuse: an unknown action or record type, a bad day or page', async () => {
    const asked = auditLog();
    loginAs('province');
    renderApp('/audit-log?action=drop&model=nope&since=yesterday&until=2026-02-30T00:00:00%2B08:00&page=x');
    await screen.findByText('电工证');
    expect(asked.length).toBeGreaterThan(0);
    for (const q of asked) {
      expect(['action', 'model', 'since', 'until'].filter((key) => q.has(key))).toEqual([]);
      expect(q.get('page')).toBe('1');
    }
    expect(screen.getByLabelText('开始日期')).toHaveValue('');
    expect(chosen('操作')).toBeFalsy();
  });

  it('reads a link whose + was not escaped (a space once read) as China’s midnight', async () => {
    const asked = auditLog();
    loginAs('province');
    renderApp('/audit-log?since=2026-12-01T00:00:00+08:00');
    await screen.findByText('电工证');
    expect(screen.getByLabelText('开始日期')).toHaveValue('2026-12-01');
    expect(asked.at(-1)?.get('since')).toBe('2026-12-01T00:00:00+08:00');
  });

  it('says nothing matches when a filter finds no entry, and no entries without one', async () => {
    auditLog({ empty: (q) => q.get('action') === 'access' || !q.get('action') });
    loginAs('province');
    const { unmount } = renderApp('/audit-log?action=access');
    expect(await screen.findByText('没有符合条件的记录，请修改或清除搜索和筛选条件。')).toBeInTheDocument();
    unmount();
    renderApp('/audit-log');
    await waitFor(() => expect(document.querySelector('.ant-table-placeholder')).toHaveTextContent('暂无数据'));
    expect(screen.queryByText('没有符合条件的记录，请修改或清除搜索和筛选条件。')).not.toBeInTheDocument();
  });
});
