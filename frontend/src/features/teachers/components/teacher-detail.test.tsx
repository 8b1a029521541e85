import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

describe('teacher detail', () => {
  it('shows basic info, the verdict rule by rule, certificates and enterprise periods', async () => {
    loginAs('hr_a');
    renderApp('/teachers/1');
    expect(await screen.findByText('基本信息')).toBeInTheDocument();
    expect(screen.getByText('T0001')).toBeInTheDocument();
    // Rules with their value and threshold, codes read as labels.
    expect(screen.getByText('E_PRACTICE')).toBeInTheDocument();
    expect(screen.getByText('三级/高级工')).toBeInTheDocument();
    expect(screen.getByText('四级/中级工')).toBeInTheDocument();
    // Certificates, one expiring soon; an ongoing-free practice period.
    const certificates = (await screen.findByText('钳工')).closest('tr') as HTMLElement;
    expect(within(certificates).getByText(/天后到期/)).toBeInTheDocument();
    expect(await screen.findByText('江铃汽车')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /添加证书/ })).toBeInTheDocument();
  });

  it('is read-only for a city official', async () => {
    loginAs('city_nc');
    renderApp('/teachers/1');
    expect(await screen.findByText('基本信息')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /添加证书/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '编 辑' })).not.toBeInTheDocument();
  });
});
