import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { Button, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

import { db, loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp, renderWithProviders } from '@/testing/test-utils';

import { DateRangeField } from './date-field';

const API = '/api/v1';
const save = (where: HTMLElement = document.body) =>
  fireEvent.click(within(where).getByRole('button', { name: /保\s*存/ }));

/** Empties a date field as a clerk does: click it, select all, Backspace, Tab. */
async function emptyByTyping(input: HTMLElement) {
  const user = userEvent.setup();
  await user.click(input);
  await user.keyboard('{Control>}a{/Control}{Backspace}');
  await user.tab();
}

function capture(method: 'patch' | 'post', url: string) {
  const sent: Record<string, unknown>[] = [];
  server.use(
    http[method](`${API}${url}`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      sent.push(body);
      return HttpResponse.json({ id: 1, version: 2, ...body });
    }),
  );
  return sent;
}

describe('a date field emptied by typing', () => {
  it('saves no leaving date on the teacher form (was: the old date)', async () => {
    loginAs('hr_a');
    db.teachers[0].left_on = '2030-07-31';
    const sent = capture('patch', '/teachers/1/');
    renderApp('/teachers/1/edit');
    await screen.findByDisplayValue('王伟');
    const leftOn = screen.getByLabelText('离职日期');
    expect(leftOn).toHaveValue('2030-07-31');
    await emptyByTyping(leftOn);
    expect(leftOn).toHaveValue('');
    save();
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toHaveProperty('left_on', null);
    expect(sent[0]).toHaveProperty('hired_on', db.teachers[0].hired_on);
  });

  it('saves no expiry in the certificate dialog', async () => {
    loginAs('hr_a');
    db.certificates[0].expires_on = '2031-01-31' as unknown as null;
    const sent = capture('patch', '/certificates/1/');
    renderApp('/teachers/1');
    const row = (await screen.findByText('TQ001')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const dialog = await screen.findByRole('dialog');
    const expires = within(dialog).getByLabelText('有效期至');
    expect(expires).toHaveValue('2031-01-31');
    await emptyByTyping(expires);
    save(dialog);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toHaveProperty('expires_on', null);
    expect(sent[0]).toHaveProperty('issued_on', '2012-07-01');
  });

  it('saves no end date in the enterprise-period dialog', async () => {
    loginAs('hr_a');
    const sent = capture('patch', '/enterprise-periods/1/');
    renderApp('/teachers/1');
    const row = (await screen.findByText('江铃汽车')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const dialog = await screen.findByRole('dialog');
    const end = within(dialog).getByLabelText('结束日期');
    expect(end).toHaveValue('2022-12-31');
    await emptyByTyping(end);
    save(dialog);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toHaveProperty('end_on', null);
  });

  it('keeps a date that was left alone', async () => {
    loginAs('hr_a');
    db.teachers[0].left_on = '2030-07-31';
    const sent = capture('patch', '/teachers/1/');
    renderApp('/teachers/1/edit');
    await screen.findByDisplayValue('王伟');
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('离职日期'));
    await user.tab();
    save();
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toHaveProperty('left_on', '2030-07-31');
  });
});

describe('a date range emptied by typing', () => {
  it('has no value once either day is emptied, so a required range is asked for', async () => {
    const finished: unknown[] = [];
    renderWithProviders(
      <Form initialValues={{ dates: [dayjs('2027-01-01'), dayjs('2027-01-31')] }} onFinish={(v: { dates: [Dayjs, Dayjs] | null }) => finished.push(v.dates)}>
        <Form.Item name="dates" label="dates" rules={[{ required: true, message: 'dates needed' }]}>
          <DateRangeField />
        </Form.Item>
        <Button htmlType="submit">go</Button>
      </Form>,
    );
    const [start, end] = screen.getAllByRole('textbox');
    expect(start).toHaveValue('2027-01-01');
    const user = userEvent.setup();
    await user.click(start);
    await user.keyboard('{Control>}a{/Control}{Backspace}');
    await user.click(end);
    expect(start).toHaveValue('');
    expect(end).toHaveValue('');
    fireEvent.click(screen.getByRole('button', { name: 'go' }));
    expect(await screen.findByText('dates needed')).toBeInTheDocument();
    expect(finished).toHaveLength(0);
  });
});
