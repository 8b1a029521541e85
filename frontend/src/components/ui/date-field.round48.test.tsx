import { screen, waitFor } from '@testing-library/react';
import { Form } from 'antd';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { renderWithProviders } from '@/testing/test-utils';

import { DateRangeField } from './date-field';

// Round 48: antd links a form item's label to a range's first input only; the end date had
// no accessible name (a screen reader read its placeholder; getByLabelText could not reach it).
function RangeForm() {
  return (
    <Form>
      <Form.Item name="dates" label={i18n.t('recognition.opens')}>
        <DateRangeField />
      </Form.Item>
    </Form>
  );
}

describe('DateRangeField', () => {
  it('names both of its inputs after the form item label, in Chinese', async () => {
    renderWithProviders(<RangeForm />);
    const start = await screen.findByRole('textbox', { name: '申报时间（开始）' });
    const end = screen.getByRole('textbox', { name: '申报时间（结束）' });
    expect(start).not.toBe(end);
    expect(screen.getAllByRole('textbox')).toEqual([start, end]);
  });

  it('names them in English when the app is in English', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<RangeForm />);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Application period (end)' })).toBeInTheDocument());
    expect(screen.getByRole('textbox', { name: 'Application period (start)' })).toBeInTheDocument();
  });
});
