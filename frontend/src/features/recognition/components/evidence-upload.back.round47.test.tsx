import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';

import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { MyRecordPanels } from './my-record';

// Round 47: on /me the browser's Back left the page under the evidence upload modal (the
// propose drawer and the apply modal already closed on Back, round 46). It is now open while
// the URL has ?upload=evidence: Back closes it and stays on /me, asking first while a file is
// chosen and not uploaded.
const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const ASKED = '有未保存的修改';
const STAY = '留在此页';
const LEAVE = /离\s*开/;
const pdf = () => new File(['%PDF-1.4\n%%EOF\n'], 'stamped.pdf', { type: 'application/pdf' });

function serve() {
  const uploads: FormData[] = [];
  const files: Record<string, unknown>[] = [];
  server.use(
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
    http.get(`${API}/my-record/`, () =>
      HttpResponse.json({ teacher: 1, certificates: [], enterprise_periods: [], completions: [], evidence: files }),
    ),
    http.post(`${API}/evidence-files/`, async ({ request }) => {
      const form = await request.formData();
      uploads.push(form);
      const row = {
        id: 90, teacher: 1, kind: form.get('kind'), description: '', filename: (form.get('file') as File).name,
        size: 15, content_type: 'application/pdf', frozen: false,
      };
      files.push(row);
      return HttpResponse.json(row, { status: 201 });
    }),
  );
  return { uploads };
}

/** /me reached from the dashboard: Back has somewhere to go. */
function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/', element: <div data-testid="dashboard">工作台</div> },
      { path: '/me', element: <MyRecordPanels teacher={1} /> },
    ],
    { initialEntries: ['/', path], initialIndex: 1 },
  );
  renderWithProviders(<RouterProvider router={router} />);
  return router;
}

type Router = ReturnType<typeof renderAt>;
const back = (router: Router) => act(() => router.navigate(-1));
const where = (router: Router) => router.state.location.pathname + router.state.location.search;
const asked = () => Array.from(document.querySelectorAll<HTMLElement>('.ant-modal-confirm:not([data-answered])'));

async function answer(user: ReturnType<typeof userEvent.setup>, button: string | RegExp) {
  await waitFor(() => expect(asked()).toHaveLength(1));
  const confirm = asked()[0];
  expect(confirm).toHaveTextContent(ASKED);
  confirm.setAttribute('data-answered', '');
  await user.click(within(confirm).getByRole('button', { name: button }));
}

async function choose(user: ReturnType<typeof userEvent.setup>, field: string, option: string) {
  await user.click(await screen.findByLabelText(field));
  await user.click(await screen.findByTitle(option));
}

describe('the evidence upload modal on /me and Back', () => {
  it('with nothing chosen: Back closes it and stays on /me; Forward opens it again', async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    const router = renderAt('/me');
    await user.click(await screen.findByTestId('upload-evidence'));
    await screen.findByTestId('evidence-upload-form');
    expect(where(router)).toBe('/me?upload=evidence');

    await back(router);
    await waitFor(() => expect(screen.queryByTestId('evidence-upload-form')).not.toBeInTheDocument());
    expect(where(router)).toBe('/me');
    expect(asked()).toHaveLength(0);
    expect(screen.queryByTestId('dashboard')).not.toBeInTheDocument();

    await act(() => router.navigate(1));
    expect(await screen.findByTestId('evidence-upload-form')).toBeInTheDocument();
  });

  it('with a file chosen, not uploaded: asked first; staying keeps it, leaving closes the modal on /me', async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    const router = renderAt('/me');
    await user.click(await screen.findByTestId('upload-evidence'));
    const form = await screen.findByTestId('evidence-upload-form');
    await user.upload(form.querySelector('input[type=file]') as HTMLInputElement, pdf());
    expect(within(form).getByText('stamped.pdf')).toBeInTheDocument();

    await back(router);
    await answer(user, STAY);
    expect(where(router)).toBe('/me?upload=evidence');
    expect(within(screen.getByTestId('evidence-upload-form')).getByText('stamped.pdf')).toBeInTheDocument();

    await back(router);
    await answer(user, LEAVE);
    await waitFor(() => expect(screen.queryByTestId('evidence-upload-form')).not.toBeInTheDocument());
    expect(where(router)).toBe('/me');
    expect(screen.getByTestId('upload-evidence')).toBeInTheDocument();
  });

  it('once uploaded it closes on /me, unasked; a link to it (?upload=evidence) opens it and cancel stays on /me', async () => {
    const api = serve();
    const user = userEvent.setup({ delay: null });
    const router = renderAt('/me');
    await user.click(await screen.findByTestId('upload-evidence'));
    const form = await screen.findByTestId('evidence-upload-form');
    await choose(user, '材料类别', '培训');
    await user.upload(form.querySelector('input[type=file]') as HTMLInputElement, pdf());
    await user.click(screen.getByRole('button', { name: '上传文件' }));
    await waitFor(() => expect(api.uploads).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId('evidence-upload-form')).not.toBeInTheDocument());
    expect(where(router)).toBe('/me');
    expect(asked()).toHaveLength(0);

    await act(() => router.navigate('/me?upload=evidence'));
    const again = await screen.findByTestId('evidence-upload-form');
    await user.click(within(again.closest('.ant-modal') as HTMLElement).getByRole('button', { name: /取\s*消/ }));
    await waitFor(() => expect(screen.queryByTestId('evidence-upload-form')).not.toBeInTheDocument());
    expect(where(router)).toBe('/me');
  });
});
