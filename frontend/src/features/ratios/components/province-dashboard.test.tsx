import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { http, HttpResponse } from 'msw';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

describe('province dashboard', () => {
  it('shows the province ratio against the target, charts, bases and schools below target', async () => {
    loginAs('province');
    renderApp('/dashboard');
    expect(await screen.findByLabelText(/全省 · 双师型教师占比: 59\.5%/)).toBeInTheDocument();
    expect(screen.getByLabelText('各设区市占比')).toBeInTheDocument();
    expect(screen.getByLabelText('各类学校占比')).toBeInTheDocument();
    expect(await screen.findByText('已过截止日期')).toBeInTheDocument();
    expect(screen.getByText('1 / 3')).toBeInTheDocument();
    const table = await screen.findByRole('table');
    // Below target only, biggest gap first.
    const links = await within(table).findAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['九江中等专业学校', '赣州技师学院']);
    expect(links[0]).toHaveAttribute('href', '/schools/2');
    // The target is "more than": a school at exactly the target is below it, and the title says so.
    expect(screen.getByText('未达标学校（占比须超过 60%）')).toBeInTheDocument();
  });

  it('writes the day a school falls below and its hours with each language\'s punctuation', async () => {
    loginAs('province');
    renderApp('/dashboard');
    const falling = await screen.findByTestId('falling-school');
    expect(falling).toHaveTextContent(/2027-04-16（\d+ 天后）/);
    const hours = await screen.findByTestId('hours-below-school');
    expect(hours).toHaveTextContent('41.0%（410 / 1000）');
    await i18n.changeLanguage('en');
    try {
      await waitFor(() => expect(screen.getByTestId('falling-school')).toHaveTextContent(/2027-04-16 \(in \d+ days\)/));
      expect(screen.getByTestId('hours-below-school')).toHaveTextContent('41.0% (410 / 1000)');
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('filters by city and drills into a school', async () => {
    loginAs('province');
    const { router } = renderApp('/dashboard');
    const user = userEvent.setup({ delay: null });
    await screen.findByLabelText(/全省 ·/);
    await user.click(screen.getByLabelText('设区市'));
    await user.click(await screen.findByTitle('九江'));
    expect(await screen.findByLabelText(/九江市 · 双师型教师占比: 50\.0%/)).toBeInTheDocument();
    expect(screen.getByTestId('dashboard-title')).toHaveTextContent('九江市“双师型”教师概览');
    expect(screen.getByText('九江市 · 达标学校')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?city=2');
    const table = screen.getByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('link')).toHaveLength(1));
    await user.click(within(table).getByRole('link', { name: '九江中等专业学校' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/schools/2'));
    expect(await screen.findByRole('heading', { name: '九江中等专业学校' })).toBeInTheDocument();
    expect(await screen.findByText('最接近符合条件的教师')).toBeInTheDocument();
  });

  it('filters the schools below target by kind', async () => {
    loginAs('province');
    const { router } = renderApp('/dashboard');
    const user = userEvent.setup({ delay: null });
    await screen.findByLabelText(/全省 ·/);
    await user.click(screen.getByLabelText('学校类型'));
    await user.click(await screen.findByTitle('技师学院'));
    await waitFor(() => expect(router.state.location.search).toBe('?kind=technician_college'));
    expect(await screen.findByText('技师学院“双师型”教师概览')).toBeInTheDocument();
    const table = screen.getByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('link').map((a) => a.textContent)).toEqual(['赣州技师学院']));
  });

  it('starts the province workbook and says where to find it', async () => {
    let started = 0;
    server.use(
      http.post('/api/v1/exports/province/', () => {
        started += 1;
        return HttpResponse.json({ id: 9, status: 'queued' }, { status: 202 });
      }),
    );
    loginAs('province');
    renderApp('/dashboard');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /导出全省统计表/ }));
    await user.click(await screen.findByRole('button', { name: '开始导出' })); // as on today
    expect(await screen.findByTestId('export-started')).toHaveTextContent('正在生成全省统计表');
    expect(started).toBe(1);
  });

  it('is refused to school HR', async () => {
    loginAs('hr_a');
    renderApp('/dashboard');
    expect(await screen.findByText('无权访问此页面')).toBeInTheDocument();
  });
});
