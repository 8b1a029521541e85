import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';

import { server } from '@/testing/mocks/server';
import { phoneScreen, renderWithProviders } from '@/testing/test-utils';

import { MyRecordPanels } from './my-record';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const pdf = () => new File(['%PDF-1.4\n%%EOF\n'], 'stamped.pdf', { type: 'application/pdf' });
const period = {
  id: 5, teacher: 1, kind: 'practice', enterprise: '江铜集团', position: '', start_on: '2024-01-01',
  end_on: '2024-06-30', days: 182, status: 'confirmed', reject_reason: '',
};

/** Teacher 1's record as the API keeps it; `answer` decides each upload (201 by default). */
function serve(answer?: { status: number; body: object }) {
  const files: Record<string, unknown>[] = [];
  const uploads: FormData[] = [];
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
    http.get(`${API}/my-record/`, () =>
      HttpResponse.json({ teacher: 1, certificates: [], enterprise_periods: [period], completions: [], evidence: files }),
    ),
    http.post(`${API}/evidence-files/`, async ({ request }) => {
      const form = await request.formData();
      uploads.push(form);
      if (answer) return HttpResponse.json(answer.body, { status: answer.status });
      const row = {
        id: 90 + files.length, teacher: 1, kind: form.get('kind'), description: form.get('description') ?? '',
        filename: (form.get('file') as File).name, size: 15, content_type: 'application/pdf', frozen: false,
      };
      files.push(row);
      return HttpResponse.json(row, { status: 201 });
    }),
  );
  return { uploads };
}

function render() {
  return renderWithProviders(
    <MemoryRouter>
      <MyRecordPanels teacher={1} />
    </MemoryRouter>,
  );
}

async function choose(user: ReturnType<typeof userEvent.setup>, field: string, option: string) {
  await user.click(await screen.findByLabelText(field));
  await user.click(await screen.findByTitle(option));
}

describe('a teacher uploading an evidence file of their own', () => {
  it('uploads a stamped proof for a confirmed period; the list shows it after', async () => {
    phoneScreen();
    const user = userEvent.setup({ delay: null });
    const sent = serve();
    render();
    await user.click(await screen.findByTestId('upload-evidence'));
    const form = await screen.findByTestId('evidence-upload-form');
    await choose(user, '材料类别', '企业经历');
    await choose(user, '对应的证书或企业经历（可选）', '企业实践 · 江铜集团');
    await user.type(screen.getByLabelText('说明（可选）'), '盖章证明');
    await user.upload(form.querySelector('input[type=file]') as HTMLInputElement, pdf());
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    await waitFor(() => expect(sent.uploads).toHaveLength(1));
    const body = sent.uploads[0];
    expect(body.get('teacher')).toBe('1');
    expect(body.get('kind')).toBe('enterprise');
    expect(body.get('enterprise_period')).toBe('5');
    expect(body.get('certificate')).toBeNull();
    expect(body.get('description')).toBe('盖章证明');
    // The modal closes and the evidence card lists the new file with its kind and note.
    await waitFor(() => expect(screen.queryByTestId('evidence-upload-form')).not.toBeInTheDocument());
    const link = await screen.findByRole('link', { name: /stamped\.pdf/ });
    expect(within(link.parentElement as HTMLElement).getByText('企业经历 · 盖章证明')).toBeInTheDocument();
  });

  it('uploads a training file tied to no record', async () => {
    const user = userEvent.setup({ delay: null });
    const sent = serve();
    render();
    await user.click(await screen.findByTestId('upload-evidence'));
    const form = await screen.findByTestId('evidence-upload-form');
    await choose(user, '材料类别', '培训');
    expect(screen.queryByLabelText('对应的证书或企业经历（可选）')).not.toBeInTheDocument();
    await user.upload(form.querySelector('input[type=file]') as HTMLInputElement, pdf());
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    await waitFor(() => expect(sent.uploads).toHaveLength(1));
    expect(sent.uploads[0].get('kind')).toBe('training');
    expect(sent.uploads[0].get('enterprise_period')).toBeNull();
    expect(await screen.findByRole('link', { name: /stamped\.pdf/ })).toBeInTheDocument();
  });

  it('checks the file before sending: none, too large, not a PDF/JPEG/PNG', async () => {
    const user = userEvent.setup({ delay: null, applyAccept: false });
    const sent = serve();
    render();
    await user.click(await screen.findByTestId('upload-evidence'));
    const form = await screen.findByTestId('evidence-upload-form');
    await choose(user, '材料类别', '业绩成果');
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    expect(await screen.findByText('请上传佐证材料')).toBeInTheDocument();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    const input = () => form.querySelector('input[type=file]') as HTMLInputElement;
    await user.upload(input(), new File([big], 'big.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    expect(await screen.findByText('文件超过 10 MB，请压缩或拆分后再选择。')).toBeInTheDocument();
    await user.upload(input(), new File(['just text'], 'notes.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    expect(await screen.findByText('仅接受以下类型的文件：PDF、JPEG、PNG。')).toBeInTheDocument();
    expect(sent.uploads).toHaveLength(0);
  });

  it("says the server's refusal in words and keeps the modal open", async () => {
    const user = userEvent.setup({ delay: null });
    serve({ status: 400, body: { enterprise_period: ['此记录属于其他教师。'] } });
    render();
    await user.click(await screen.findByTestId('upload-evidence'));
    const form = await screen.findByTestId('evidence-upload-form');
    await choose(user, '材料类别', '企业经历');
    await choose(user, '对应的证书或企业经历（可选）', '企业实践 · 江铜集团');
    await user.upload(form.querySelector('input[type=file]') as HTMLInputElement, pdf());
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    expect(await screen.findByText('此记录属于其他教师。')).toBeInTheDocument();
    expect(screen.queryByText(/enterprise_period/)).not.toBeInTheDocument();
    expect(screen.getByTestId('evidence-upload-form')).toBeInTheDocument();
  });
});
