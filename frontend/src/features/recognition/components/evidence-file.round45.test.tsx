import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';

import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { MyRecordPanels } from './my-record';
import { ProposeDrawer } from './propose-drawer';

// Round 45: the evidence limit and types are the server's (my-record/), not the page's own.
const API = '/api/v1';
const MB = 1024 * 1024;
const empty = { count: 0, next: null, previous: null, results: [] };

/** A PDF of `size` bytes (its first bytes say so). */
function pdf(size: number, name = 'scan.pdf') {
  const bytes = new Uint8Array(size);
  bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
  return new File([bytes], name, { type: 'application/pdf' });
}

const png = () =>
  new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])], 'photo.png', { type: 'image/png' });

/** The server keeps files up to `maxBytes` of `types`; counts what is sent. */
function serve(maxBytes: number, types = ['application/pdf', 'image/jpeg', 'image/png']) {
  const sent = { uploads: 0, records: 0 };
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
    http.get(`${API}/my-record/`, () =>
      HttpResponse.json({
        teacher: 1, certificates: [], enterprise_periods: [], completions: [], evidence: [],
        evidence_max_bytes: maxBytes, evidence_content_types: types,
      }),
    ),
    http.post(`${API}/evidence-files/`, () => {
      sent.uploads += 1;
      return HttpResponse.json({ id: 90, teacher: 1, kind: 'training', filename: 'scan.pdf' }, { status: 201 });
    }),
    http.post(`${API}/enterprise-periods/`, () => {
      sent.records += 1;
      return HttpResponse.json({ id: 7, teacher: 1, status: 'pending' }, { status: 201 });
    }),
  );
  return sent;
}

async function openUpload(user: ReturnType<typeof userEvent.setup>) {
  renderWithProviders(
    <MemoryRouter>
      <MyRecordPanels teacher={1} />
    </MemoryRouter>,
  );
  await user.click(await screen.findByTestId('upload-evidence'));
  const form = await screen.findByTestId('evidence-upload-form');
  await user.click(await screen.findByLabelText('材料类别'));
  await user.click(await screen.findByTitle('培训'));
  return () => form.querySelector('input[type=file]') as HTMLInputElement;
}

describe('the evidence file limit the server gives', () => {
  it('refuses a file over a 2 MB limit before sending it, and names 2 MB', async () => {
    const user = userEvent.setup({ delay: null });
    const sent = serve(2 * MB);
    const input = await openUpload(user);
    expect(await screen.findByText('PDF、JPEG、PNG，不超过 2 MB')).toBeInTheDocument();
    // 3 MB: under the 10 MB the page used to write, over the server's 2 MB.
    await user.upload(input(), pdf(3 * MB));
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    expect(await screen.findByText('文件超过 2 MB，请压缩或拆分后再选择。')).toBeInTheDocument();
    expect(sent.uploads).toBe(0);
    await user.upload(input(), pdf(MB));
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    await waitFor(() => expect(sent.uploads).toBe(1));
  });

  it('refuses a type the server does not accept, and offers only what it accepts', async () => {
    const user = userEvent.setup({ delay: null, applyAccept: false });
    const sent = serve(10 * MB, ['application/pdf']);
    const input = await openUpload(user);
    await waitFor(() => expect(input()).toHaveAttribute('accept', '.pdf'));
    await user.upload(input(), png());
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    expect(await screen.findByText('仅接受以下类型的文件：PDF。')).toBeInTheDocument();
    expect(sent.uploads).toBe(0);
  });

  it("the proposal drawer checks its file against the server's limit too", async () => {
    const user = userEvent.setup({ delay: null });
    const sent = serve(2 * MB);
    renderWithProviders(<ProposeDrawer kind="enterprise_period" teacher={1} open onClose={() => undefined} />);
    expect(await screen.findByText('PDF、JPEG、PNG，不超过 2 MB')).toBeInTheDocument();
    const form = await screen.findByTestId('propose-form');
    await user.click(form.querySelector('.ant-select input') as HTMLElement);
    await user.click(await screen.findByTitle('企业实践'));
    await user.type(screen.getByLabelText('企业名称'), '江铜集团');
    const start = screen.getByLabelText('开始日期');
    await user.click(start);
    await user.type(start, '2024-01-01{enter}');
    await user.upload(form.querySelector('input[type=file]') as HTMLInputElement, pdf(3 * MB));
    await user.click(screen.getByRole('button', { name: '提交学校人事审核' }));
    expect(await screen.findByText('文件超过 2 MB，请压缩或拆分后再选择。')).toBeInTheDocument();
    expect(sent).toEqual({ uploads: 0, records: 0 });
  });
});
