import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { phoneScreen, renderApp } from '@/testing/test-utils';

describe('my jobs', () => {
  it('lists the user’s jobs with their status and the file to download', async () => {
    loginAs('hr_a');
    renderApp('/jobs');
    expect(await screen.findByText('教师名单导出')).toBeInTheDocument();
    expect(screen.getByTestId('job-status')).toHaveTextContent('已完成');
    expect(screen.getByRole('link', { name: /教师名单\.xlsx/ })).toHaveAttribute(
      'href',
      'http://localhost:3000/api/v1/jobs/7/download/',
    );
  });

  it('shows what, how it stands and the file on a phone, the start under the name', async () => {
    phoneScreen();
    loginAs('hr_a');
    renderApp('/jobs');
    const row = (await screen.findByText('教师名单导出')).closest('tr') as HTMLElement;
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['任务', '状态', '结果']);
    expect(within(row).getByTestId('job-started')).not.toBeEmptyDOMElement();
    expect(within(row).getByTestId('job-status')).toHaveTextContent('已完成');
    expect(within(row).getByRole('link', { name: /教师名单\.xlsx/ })).toBeInTheDocument();
  });
});
