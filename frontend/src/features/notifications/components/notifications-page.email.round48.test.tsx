import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { alertsState } from '@/testing/mocks/alerts-handlers';
import { loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

/** The switch once the preferences have loaded (antd's switch is disabled while it loads). */
async function loadedSwitch() {
  const toggle = await screen.findByTestId('email-switch');
  await waitFor(() => expect(toggle).not.toHaveClass('ant-switch-loading'));
  return toggle;
}

// Round 48: QA found the digest switch ON for an account with no e-mail address, so its user
// believed digests were going somewhere. Without an address it reads off, cannot be turned
// on, and says what to do.
describe('the e-mail digest without an address', () => {
  afterEach(() => {
    alertsState.email = 'hr@example.cn';
    alertsState.emailEnabled = true;
  });

  it('shows the switch off and disabled, with the hint in words', async () => {
    alertsState.email = '';
    alertsState.emailEnabled = true; // the stored choice: on by default
    loginAs('hr_a');
    renderApp('/notifications');
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByText('您的账号未登记电子邮箱，请联系省级管理员添加')).toBeInTheDocument();
    const toggle = await loadedSwitch();
    expect(toggle).toBeDisabled();
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    expect(toggle).not.toBeChecked();
    expect(alertsState.emailEnabled).toBe(true); // nothing was sent to change it
  });

  it('says so in English too', async () => {
    alertsState.email = '';
    await i18n.changeLanguage('en');
    try {
      loginAs('hr_a');
      renderApp('/notifications');
      expect(await screen.findByText('Your account has no e-mail address: ask the province to add one')).toBeInTheDocument();
      expect(await loadedSwitch()).toBeDisabled();
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('with an address the switch shows the choice and can be used', async () => {
    loginAs('hr_a');
    renderApp('/notifications');
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByText(/hr@example\.cn/)).toBeInTheDocument();
    const toggle = await loadedSwitch();
    expect(toggle).toBeChecked();
    expect(toggle).toBeEnabled();
    await user.click(toggle);
    await waitFor(() => expect(alertsState.emailEnabled).toBe(false));
    await waitFor(() => expect(toggle).not.toBeChecked());
  });
});
