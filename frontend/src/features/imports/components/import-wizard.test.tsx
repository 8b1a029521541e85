import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { phoneScreen, renderApp } from '@/testing/test-utils';

const xlsx = (name: string) =>
  new File([name.startsWith('bad') ? 'bad' : 'ok'], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

describe('import wizard', () => {
  it('shows row errors with a link to the marked workbook and refuses to commit', async () => {
    loginAs('hr_a');
    const { container } = renderApp('/imports');
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByText('下载模板')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /下载模板/ })).toHaveAttribute(
      'href',
      'http://localhost:3000/api/v1/imports/templates/teachers/?lang=zh-Hans',
    );
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    const input = container.querySelector('input[type=file]') as HTMLInputElement;
    await user.upload(input, xlsx('bad.xlsx'));
    expect(await screen.findByText('身份证号应为 18 位。')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /下载标注错误的工作簿/ })).toHaveAttribute(
      'href',
      'http://localhost:3000/api/v1/imports/41/errors/?lang=zh-Hans',
    );
    expect(screen.getByRole('button', { name: '确认导入' })).toBeDisabled();
  });

  it('on a phone gives the problem the width: the column under the row, the value under the problem', async () => {
    phoneScreen();
    loginAs('hr_a');
    const { container } = renderApp('/imports');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: '上传文件' }));
    await user.upload(container.querySelector('input[type=file]') as HTMLInputElement, xlsx('bad.xlsx'));
    const row = (await screen.findByText('身份证号应为 18 位。')).closest('tr') as HTMLElement;
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['行 · 列', '问题']);
    expect(within(row).getAllByRole('cell')[0]).toHaveTextContent(/^4身份证号$/);
    expect(within(row).getByTestId('error-column')).toHaveTextContent('身份证号');
    expect(within(row).getByTestId('error-value')).toHaveTextContent('值：123');
    // The marked workbook's link under the message, not squeezing it.
    const alert = screen.getByRole('alert');
    expect(within(alert).getByRole('link', { name: /下载标注错误的工作簿/ })).toBeInTheDocument();
    expect(alert.querySelector('.ant-alert-action')).toBeNull();
  });

  it('commits a valid file', async () => {
    loginAs('hr_a');
    const { container } = renderApp('/imports');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByText('证书'));
    expect(screen.getByRole('link', { name: /下载模板/ })).toHaveAttribute(
      'href',
      'http://localhost:3000/api/v1/imports/templates/certificates/?lang=zh-Hans',
    );
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    await user.upload(container.querySelector('input[type=file]') as HTMLInputElement, xlsx('ok.xlsx'));
    expect(await screen.findByText('3 行检查通过，可以导入。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '确认导入' }));
    expect(await screen.findByText('导入成功：新增 2 条，更新 1 条。')).toBeInTheDocument();
  });
});
