import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button, Form, Input } from 'antd';
import { describe, expect, it, vi } from 'vitest';

import { renderWithProviders } from '@/testing/test-utils';

import { DateField } from './date-field';

// Round 47: Enter pressed to confirm a date typed in the start date submitted the whole
// form (an open-ended appointment was saved before its end date was reached).
function DatesForm({ onFinish }: { onFinish: (values: Record<string, unknown>) => void }) {
  return (
    <Form onFinish={onFinish}>
      <Form.Item name="name" label="名称">
        <Input />
      </Form.Item>
      <Form.Item name="start_on" label="开始日期">
        <DateField />
      </Form.Item>
      <Form.Item name="end_on" label="结束日期">
        <DateField />
      </Form.Item>
      <Button htmlType="submit">提交</Button>
    </Form>
  );
}

describe('Enter in a date field', () => {
  it('confirms a typed date and does not submit the form; the button still does', { timeout: 30_000 }, async () => {
    const onFinish = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<DatesForm onFinish={onFinish} />);
    const start = screen.getByLabelText('开始日期');
    await user.click(start);
    await user.paste('2026-03-01');
    await user.keyboard('{Enter}');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onFinish).not.toHaveBeenCalled();
    expect(start).toHaveValue('2026-03-01');

    // With the popup open (nothing typed yet), Enter does not submit either.
    const end = screen.getByLabelText('结束日期');
    await user.click(end);
    await user.keyboard('{Enter}');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onFinish).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    expect((onFinish.mock.calls[0][0] as { start_on: { format: (f: string) => string } }).start_on.format('YYYY-MM-DD')).toBe(
      '2026-03-01',
    );
  });

  it('in another field of the form submits as before', { timeout: 30_000 }, async () => {
    const onFinish = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<DatesForm onFinish={onFinish} />);
    await user.click(screen.getByLabelText('名称'));
    await user.paste('张三');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
  });
});
