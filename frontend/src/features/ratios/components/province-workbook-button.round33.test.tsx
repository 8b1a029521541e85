import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { todayInChina } from '@/lib/dates';
import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 33: the workbooks are "as on a date" like the ratios (as_of); the button asks which.

function recordPosts(path: string): URL[] {
  const posts: URL[] = [];
  server.use(
    http.post(path, ({ request }) => {
      posts.push(new URL(request.url));
      return HttpResponse.json({ id: 9, status: 'queued' }, { status: 202 });
    }),
  );
  return posts;
}

// The DatePicker takes typed text; Enter confirms it.
function typeDate(input: HTMLElement, value: string) {
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

describe('the province workbook as on a date', () => {
  it('asks for the date, today by default, and leaves today to the server', async () => {
    const posts = recordPosts('/api/v1/exports/province/');
    loginAs('province');
    renderApp('/dashboard');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /导出全省统计表/ }));
    const form = await screen.findByTestId('province-workbook-form');
    const picker = within(form).getByLabelText('统计日期');
    expect(picker).toHaveValue(todayInChina().format('YYYY-MM-DD'));
    expect(posts).toHaveLength(0); // nothing starts before the date is confirmed

    await user.click(within(form).getByRole('button', { name: '开始导出' }));
    expect(await screen.findByTestId('export-started')).toHaveTextContent('正在生成全省统计表');
    expect(posts).toHaveLength(1);
    // Today is the server's today (its clock names the file and is recorded on the job).
    expect(posts[0].searchParams.has('as_of')).toBe(false);
  });

  it('exports as on a past date chosen, and refuses a future one', async () => {
    const posts = recordPosts('/api/v1/exports/province/');
    loginAs('province');
    renderApp('/dashboard');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /导出全省统计表/ }));
    const form = await screen.findByTestId('province-workbook-form');
    const picker = within(form).getByLabelText('统计日期');

    typeDate(picker, todayInChina().add(1, 'day').format('YYYY-MM-DD'));
    await waitFor(() => expect(picker).not.toHaveValue(todayInChina().add(1, 'day').format('YYYY-MM-DD')));

    typeDate(picker, '2026-06-30');
    await waitFor(() => expect(picker).toHaveValue('2026-06-30'));
    await user.click(within(form).getByRole('button', { name: '开始导出' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0].searchParams.get('as_of')).toBe('2026-06-30');
  });

  it('starts from the dashboard\'s own date when one is chosen', async () => {
    const posts = recordPosts('/api/v1/exports/province/');
    loginAs('province');
    renderApp('/dashboard?as_of=2026-03-31');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /导出全省统计表/ }));
    const form = await screen.findByTestId('province-workbook-form');
    expect(within(form).getByLabelText('统计日期')).toHaveValue('2026-03-31');
    await user.click(within(form).getByRole('button', { name: '开始导出' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0].searchParams.get('as_of')).toBe('2026-03-31');
  });

  it('reads in English', async () => {
    recordPosts('/api/v1/exports/province/');
    loginAs('province');
    await i18n.changeLanguage('en');
    try {
      renderApp('/dashboard');
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByRole('button', { name: /Province workbook/ }));
      const form = await screen.findByTestId('province-workbook-form');
      expect(within(form).getByLabelText('As of')).toBeInTheDocument();
      expect(form).toHaveTextContent('Every figure is as it stood on this day');
      await user.click(within(form).getByRole('button', { name: 'Export' }));
      expect(await screen.findByTestId('export-started')).toHaveTextContent('The province workbook is being made');
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});

describe('the school workbook as on a date', () => {
  it('sends the school and the date chosen', async () => {
    const posts = recordPosts('/api/v1/exports/school/');
    loginAs('hr_a');
    renderApp('/');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /导出本校明细/ }));
    const form = await screen.findByTestId('school-workbook-form');
    const picker = within(form).getByLabelText('统计日期');
    expect(picker).toHaveValue(todayInChina().format('YYYY-MM-DD'));
    typeDate(picker, '2026-06-30');
    await waitFor(() => expect(picker).toHaveValue('2026-06-30'));
    await user.click(within(form).getByRole('button', { name: '开始导出' }));
    expect(await screen.findByTestId('export-started')).toHaveTextContent('正在生成本校明细');
    expect(posts).toHaveLength(1);
    expect(posts[0].searchParams.get('as_of')).toBe('2026-06-30');
    expect(posts[0].searchParams.get('school')).toMatch(/^\d+$/);
  });
});
