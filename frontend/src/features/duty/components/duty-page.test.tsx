import { screen } from '@testing-library/react';
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

  it('is refused to base staff', async () => {
    loginAs('base_a');
    renderApp('/practice-duty');
    expect(await screen.findByText('无权访问此页面')).toBeInTheDocument();
  });
});
