import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { db, loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

describe('teacher detail', () => {
  it('shows basic info, the level checklist in words, certificates and enterprise periods', async () => {
    loginAs('hr_a');
    renderApp('/teachers/1');
    expect(await screen.findByText('基本信息')).toBeInTheDocument();
    expect(screen.getByText('T0001')).toBeInTheDocument();
    // 专业大类 by code and name (2021 catalogue).
    expect(screen.getAllByText('46 装备制造').length).toBeGreaterThan(0);
    // The 测算结果 as a checklist in words: no rule codes, no raw values.
    const card = screen.getByTestId('qualification-card');
    expect(within(card).getByText('测算结果')).toBeInTheDocument();
    expect(within(screen.getByTestId('checklist-junior')).getByTestId('checklist-missing')).toHaveTextContent('缺：教师资格证');
    expect(within(card).getAllByText('持有：三级/高级工').length).toBeGreaterThan(0);
    expect(within(card).getAllByText(/已有 200 天 · 2027-03-01 到期/).length).toBeGreaterThan(0);
    expect(card).not.toHaveTextContent(/E_PRACTICE|E_SKILL|SCOPE|full_time/);
    // 未认定: nothing is "valid until".
    expect(within(card).queryByText('当前等级保持至')).not.toBeInTheDocument();
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

  it('shows a masked reader the birth year only', async () => {
    loginAs('city_nc');
    const teacher = db.teachers.find((t) => t.id === 1);
    server.use(
      http.get('/api/v1/teachers/1/', () =>
        HttpResponse.json({
          ...teacher,
          id_number: '3601************34',
          birth_date: null,
          birth_year: 1985,
        }),
      ),
    );
    renderApp('/teachers/1');
    expect(await screen.findByText('3601************34')).toBeInTheDocument();
    expect(screen.getByText('1985')).toBeInTheDocument();
    expect(screen.queryByText('1985-06-15')).not.toBeInTheDocument();
  });
});
