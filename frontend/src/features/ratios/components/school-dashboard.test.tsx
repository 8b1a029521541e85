import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

describe('school HR dashboard', () => {
  it('shows its ratio, staffing and who is closest to qualifying', async () => {
    loginAs('hr_a');
    renderApp('/');
    expect(await screen.findByRole('heading', { name: '江西示范职业技术学院' })).toBeInTheDocument();
    expect(await screen.findByLabelText('本校双师型占比: 65.0%')).toBeInTheDocument();
    expect(screen.getByText('已达标')).toBeInTheDocument();
    // Each staffing figure with its verdict, the norm under it.
    const norm = screen.getByTestId('student-teacher-norm');
    expect(norm).toHaveTextContent(/^标准 18:1$/);
    expect(norm.parentElement).toHaveTextContent(/^75 : 1 未达标/);
    expect(screen.getByTestId('part-time-norm').parentElement).toHaveTextContent(/^20\.0% 达标标准约 20%$/);
    expect(await screen.findByRole('link', { name: '李敏' })).toHaveAttribute('href', '/teachers/2');
    expect(screen.getByText('再完成 32 天企业实践')).toBeInTheDocument();
    expect(screen.getByLabelText('月度趋势')).toBeInTheDocument();
  });

  it('calls a technician college ratio the integrated-teacher ratio', async () => {
    loginAs('province');
    renderApp('/schools/3');
    expect(await screen.findByLabelText(/本校一体化教师占比/)).toBeInTheDocument();
  });

  // It said the province workbook was being made.
  it('says the school workbook is being made, and where to find it', async () => {
    server.use(http.post('/api/v1/exports/school/', () => HttpResponse.json({ id: 9, status: 'queued' }, { status: 202 })));
    loginAs('hr_a');
    renderApp('/');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: /导出本校明细/ }));
    await user.click(await screen.findByRole('button', { name: '开始导出' })); // as on today
    const started = await screen.findByTestId('export-started');
    expect(started).toHaveTextContent('正在生成本校明细，完成后可在此下载： 我的任务');
    expect(started).not.toHaveTextContent('全省');
  });
});
