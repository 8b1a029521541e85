import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button, DatePicker, Form, theme } from 'antd';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { phoneScreen } from '@/testing/test-utils';

import { AppProvider } from './provider';

function SmallControlHeight() {
  return <span data-testid="height">{theme.useToken().token.controlHeightSM}</span>;
}

describe('AppProvider', () => {
  it('makes small controls a finger tall on a phone', () => {
    phoneScreen();
    render(
      <AppProvider>
        <SmallControlHeight />
      </AppProvider>,
    );
    expect(screen.getByTestId('height')).toHaveTextContent('32');
  });

  it('keeps antd small controls on a desktop', () => {
    render(
      <AppProvider>
        <SmallControlHeight />
      </AppProvider>,
    );
    expect(screen.getByTestId('height')).toHaveTextContent('24');
  });

  // antd's default asked to "enter" a select or a date: "Please enter Issued on", "请输入批次".
  it('says a required field is required, in the screen’s language', async () => {
    const user = userEvent.setup({ delay: null });
    const form = (
      <AppProvider>
        <Form>
          <Form.Item name="issued_on" label="发证日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Button htmlType="submit">OK</Button>
        </Form>
      </AppProvider>
    );
    const { unmount } = render(form);
    await user.click(screen.getByRole('button', { name: 'OK' }));
    expect(await screen.findByText('请填写发证日期')).toBeInTheDocument();
    unmount();
    await i18n.changeLanguage('en');
    try {
      render(form);
      await user.click(screen.getByRole('button', { name: 'OK' }));
      expect(await screen.findByText('发证日期 is required')).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
