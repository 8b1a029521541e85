import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { phoneScreen, renderApp } from '@/testing/test-utils';

describe('practice duty', () => {
  it('the province sees the per-school summary and the teachers short of practice', async () => {
    loginAs('province');
    renderApp('/practice-duty');
    expect(await screen.findByText('各校企业实践不足情况')).toBeInTheDocument();
    expect(await screen.findByText('50.0%')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: '王芳' })).toHaveAttribute('href', '/teachers/1');
    expect(screen.getByText(/100 \/ 180/)).toBeInTheDocument();
    // The export is a background job now (duty-export-button.round33.test.tsx).
    expect(screen.getByRole('button', { name: /导出 Excel/ })).toBeInTheDocument();
  });

  it('names each teacher\'s school for the province, not for school HR (their own school)', async () => {
    loginAs('province');
    const { unmount } = renderApp('/practice-duty');
    const card = (await screen.findByText('企业实践义务')).closest('.ant-card') as HTMLElement;
    await within(card).findByRole('link', { name: '王芳' });
    expect(within(card).getByRole('columnheader', { name: '学校' })).toBeInTheDocument();
    unmount();

    loginAs('hr_a');
    renderApp('/practice-duty');
    await screen.findByRole('link', { name: '王芳' });
    expect(screen.queryByRole('columnheader', { name: '学校' })).not.toBeInTheDocument();
    expect(screen.getByText(/100 \/ 180/)).toBeInTheDocument();
  });

  it('on a phone says which schools are short first', async () => {
    phoneScreen();
    loginAs('province');
    renderApp('/practice-duty');
    const summary = (await screen.findByText('各校企业实践不足情况')).closest('.ant-card') as HTMLElement;
    const school = (await within(summary).findByText('南昌职业学院')).closest('tr') as HTMLElement;
    expect(within(summary).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['学校', '不足占比']);
    expect(within(school).getByTestId('duty-short-of')).toHaveTextContent('不足 1 / 应参加 2 人');
    expect(school).toHaveTextContent('50.0%');

    // the teachers' card on a phone: duty-page.round33.test.tsx (a list, not a table)
  });

  it('is refused to base staff', async () => {
    loginAs('base_a');
    renderApp('/practice-duty');
    expect(await screen.findByText('无权访问此页面')).toBeInTheDocument();
  });
});
