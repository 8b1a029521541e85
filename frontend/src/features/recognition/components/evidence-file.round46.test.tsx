import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';

import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { MyRecordPanels } from './my-record';

// Round 46: the evidence refusal and hint name the types the server accepts (my-record/),
// not a fixed "PDF、JPEG 或 PNG".
const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };

const jpeg = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0])], 'photo.jpg', { type: 'image/jpeg' });

function serve(types: string[]) {
  const sent = { uploads: 0 };
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
    http.get(`${API}/my-record/`, () =>
      HttpResponse.json({
        teacher: 1, certificates: [], enterprise_periods: [], completions: [], evidence: [],
        evidence_max_bytes: 10 * 1024 * 1024, evidence_content_types: types,
      }),
    ),
    http.post(`${API}/evidence-files/`, () => {
      sent.uploads += 1;
      return HttpResponse.json({ id: 90, teacher: 1, kind: 'training', filename: 'x' }, { status: 201 });
    }),
  );
  return sent;
}

describe('the evidence types the server accepts', () => {
  it('names them in the hint and in the refusal of another type', async () => {
    const user = userEvent.setup({ delay: null, applyAccept: false });
    const sent = serve(['application/pdf', 'image/png']);
    renderWithProviders(
      <MemoryRouter>
        <MyRecordPanels teacher={1} />
      </MemoryRouter>,
    );
    await user.click(await screen.findByTestId('upload-evidence'));
    const form = await screen.findByTestId('evidence-upload-form');
    await user.click(await screen.findByLabelText('材料类别'));
    await user.click(await screen.findByTitle('培训'));
    expect(await screen.findByText('PDF、PNG，不超过 10 MB')).toBeInTheDocument();
    const input = form.querySelector('input[type=file]') as HTMLInputElement;
    await waitFor(() => expect(input).toHaveAttribute('accept', '.pdf,.png'));
    await user.upload(input, jpeg());
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    expect(await screen.findByText('仅接受以下类型的文件：PDF、PNG。')).toBeInTheDocument();
    expect(sent.uploads).toBe(0);
  });
});
