import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { renderApp } from '@/testing/test-utils';

describe('the import page for school HR', () => {
  // The API takes a school's term hours by workbook from its HR, but the page did not offer
  // the kind: HR had no way to enter teaching hours in the web app.
  it('offers the teaching hours workbook beside the staff ones', async () => {
    loginAs('hr_a');
    renderApp('/imports');
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByText('实践教学课时'));
    expect(screen.getByRole('link', { name: /下载模板/ })).toHaveAttribute(
      'href',
      'http://localhost:3000/api/v1/imports/templates/teaching-hours/?lang=zh-Hans',
    );
  });
});
