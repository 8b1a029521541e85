import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

describe('practice duty', () => {
  it('the province sees the per-school summary and the teachers short of practice', async () => {
    loginAs('province');
    renderApp('/practice-duty');
    expect(await screen.findByText('各校企业实践不足情况')).toBeInTheDocument();
    expect(await screen.findByText('50.0%')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: '王芳' })).toHaveAttribute('href', '/teachers/1');
    expect(screen.getByText(/100 \/ 180/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /导出 Excel/ })).toHaveAttribute(
      'href',
      expect.stringContaining('/api/v1/practice-duty/export/?short=true'),
    );
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

  it('is refused to base staff', async () => {
    loginAs('base_a');
    renderApp('/practice-duty');
    expect(await screen.findByText('无权访问此页面')).toBeInTheDocument();
  });
});
