import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { ProposeDrawer } from './propose-drawer';

const API = '/api/v1';
const pdf = () => new File(['%PDF-1.4\n%%EOF\n'], 'proof.pdf', { type: 'application/pdf' });

/** Serves the period and the evidence file; `files` answers each upload in turn. */
function serve(files: Array<{ status: number; body: object }>, period?: { status: number; body: object }) {
  const periods: unknown[] = [];
  const uploads: FormData[] = [];
  server.use(
    http.post(`${API}/enterprise-periods/`, async ({ request }) => {
      periods.push(await request.json());
      if (period) return HttpResponse.json(period.body, { status: period.status });
      return HttpResponse.json({ id: 41, status: 'pending' }, { status: 201 });
    }),
    http.post(`${API}/evidence-files/`, async ({ request }) => {
      uploads.push(await request.formData());
      const answer = files[Math.min(uploads.length, files.length) - 1];
      return HttpResponse.json(answer.body, { status: answer.status });
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

describe('a teacher proposing a record with its evidence file', () => {
  it('refuses a file that is no PDF, JPEG or PNG beside the field, before anything is sent', async () => {
    const user = userEvent.setup({ delay: null, applyAccept: false });
    const sent = serve([{ status: 201, body: { id: 1 } }]);
    renderWithProviders(<ProposeDrawer kind="enterprise_period" teacher={1} open onClose={() => undefined} />);
    const form = await fillPeriod(user);
    await user.upload(fileInput(form), new File(['just some text'], 'proof.pdf', { type: 'application/pdf' }));
    await user.click(send());
    expect(await screen.findByText('仅接受以下类型的文件：PDF、JPEG、PNG。')).toBeInTheDocument();
    expect(sent.periods).toHaveLength(0);
    expect(sent.uploads).toHaveLength(0);
  });

  it('when the server refuses the file, a second try sends the file only: no second record', async () => {
    const user = userEvent.setup({ delay: null });
    const sent = serve([
      { status: 400, body: { file: ['文件超过 10 MB。'] } },
      { status: 201, body: { id: 7 } },
    ]);
    renderWithProviders(<ProposeDrawer kind="enterprise_period" teacher={1} open onClose={() => undefined} />);
    const form = await fillPeriod(user);
    await user.upload(fileInput(form), pdf());
    await user.click(send());
    expect(await screen.findByText('文件超过 10 MB。')).toBeInTheDocument();
    expect(sent.periods).toHaveLength(1);
    // What was sent stays as sent (greyed), and the drawer says only the file is missing.
    expect(screen.getByLabelText('企业名称')).toBeDisabled();
    expect(screen.getByTestId('propose-file-pending')).toBeInTheDocument();
    await user.upload(fileInput(form), pdf());
    await user.click(send());
    await waitFor(() => expect(sent.uploads).toHaveLength(2));
    expect(sent.periods).toHaveLength(1);
    expect(sent.uploads[1].get('enterprise_period')).toBe('41');
  });

  it('takes an error off a field as soon as the field is changed', async () => {
    const user = userEvent.setup({ delay: null });
    serve([{ status: 201, body: { id: 1 } }], { status: 400, body: { position: ['岗位名称过长。'] } });
    renderWithProviders(<ProposeDrawer kind="enterprise_period" teacher={1} open onClose={() => undefined} />);
    const form = await fillPeriod(user);
    // Sent without a file (Enter in the date only confirms the date since round 47): said
    // beside the file field.
    await user.click(send());
    expect(await screen.findByText('请上传佐证材料')).toBeInTheDocument();
    await user.upload(fileInput(form), pdf());
    await waitFor(() => expect(screen.queryByText('请上传佐证材料')).not.toBeInTheDocument());
    await user.type(screen.getByLabelText('岗位'), '工程师');
    await user.click(send());
    expect(await screen.findByText('岗位名称过长。')).toBeInTheDocument();
    await user.type(screen.getByLabelText('岗位'), '助理');
    await waitFor(() => expect(screen.queryByText('岗位名称过长。')).not.toBeInTheDocument());
  });
});
