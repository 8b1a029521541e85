import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { ProposeDrawer } from './propose-drawer';

const API = '/api/v1';

function serve() {
  const periods: unknown[] = [];
  const uploads: FormData[] = [];
  server.use(
    http.post(`${API}/enterprise-periods/`, async ({ request }) => {
      periods.push(await request.json());
      return HttpResponse.json({ id: 41, status: 'pending' }, { status: 201 });
    }),
    http.post(`${API}/evidence-files/`, async ({ request }) => {
      uploads.push(await request.formData());
      return HttpResponse.json({ file: ['The file is larger than 10 MB.'] }, { status: 400 });
    }),
  );
  return { periods, uploads };
}

async function fillPeriod(user: ReturnType<typeof userEvent.setup>) {
  const form = await screen.findByTestId('propose-form');
  await user.click(form.querySelector('.ant-select input') as HTMLElement);
  await user.click(await screen.findByTitle('企业实践'));
  await user.type(screen.getByLabelText('企业名称'), '江铜集团');
  const start = screen.getByLabelText('开始日期');
  await user.click(start);
  await user.type(start, '2024-01-01{enter}');
  return form;
}

const fileInput = (form: HTMLElement) => form.querySelector('input[type=file]') as HTMLInputElement;
const send = () => screen.getByRole('button', { name: '提交学校人事审核' });

describe('a proposal whose file the server would refuse for its size', () => {
  it('refuses a file over 10 MB beside the field: no record is proposed, nothing is sent', async () => {
    const user = userEvent.setup({ delay: null });
    const sent = serve();
    renderWithProviders(<ProposeDrawer kind="enterprise_period" teacher={1} open onClose={() => undefined} />);
    const form = await fillPeriod(user);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]); // a PDF by its first bytes, one byte too many
    await user.upload(fileInput(form), new File([big], 'scan.pdf', { type: 'application/pdf' }));
    await user.click(send());
    expect(await screen.findByText('文件超过 10 MB，请压缩或拆分后再选择。')).toBeInTheDocument();
    expect(sent.periods).toHaveLength(0);
    expect(sent.uploads).toHaveLength(0);
    // Nothing was sent: the fields stay open to change.
    expect(screen.getByLabelText('企业名称')).toBeEnabled();
    expect(screen.queryByTestId('propose-file-pending')).not.toBeInTheDocument();
  });

  it('refuses an empty file before anything is sent', async () => {
    const user = userEvent.setup({ delay: null });
    const sent = serve();
    renderWithProviders(<ProposeDrawer kind="enterprise_period" teacher={1} open onClose={() => undefined} />);
    const form = await fillPeriod(user);
    await user.upload(fileInput(form), new File([], 'scan.pdf', { type: 'application/pdf' }));
    await user.click(send());
    expect(await screen.findByText('文件是空的，请重新选择。')).toBeInTheDocument();
    await waitFor(() => expect(sent.periods).toHaveLength(0));
    expect(sent.uploads).toHaveLength(0);
  });
});
