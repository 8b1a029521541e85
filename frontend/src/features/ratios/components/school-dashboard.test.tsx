import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

describe('school HR dashboard', () => {
  it('shows its ratio, staffing and who is closest to qualifying', async () => {
    loginAs('hr_a');
    renderApp('/');
    expect(await screen.findByRole('heading', { name: '江西示范职业技术学院' })).toBeInTheDocument();
    expect(await screen.findByLabelText('本校双师型占比: 65.0%')).toBeInTheDocument();
    expect(screen.getByText('已达标')).toBeInTheDocument();
    expect(screen.getByText('75 : 1 (标准 18:1)', { exact: false })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: '李敏' })).toHaveAttribute('href', '/teachers/2');
    expect(screen.getByText('再完成 32 天企业实践')).toBeInTheDocument();
    expect(screen.getByLabelText('月度趋势')).toBeInTheDocument();
  });

  it('calls a technician college ratio the integrated-teacher ratio', async () => {
    loginAs('province');
    renderApp('/schools/3');
    expect(await screen.findByLabelText(/本校一体化教师占比/)).toBeInTheDocument();
  });
});
