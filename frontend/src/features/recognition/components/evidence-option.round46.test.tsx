import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';

import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { MyRecordPanels } from './my-record';

// Round 46: the application's evidence picker listed files by name only: two uploads named
// 证书.pdf could not be told apart. Each now says when it was uploaded and its size.

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const round = {
  id: 1, code: 'JX2026-1', name: '2026年度第一批', opens_on: '2026-11-15', closes_on: '2027-01-14', status: 'open',
  publicity_days: 7, validity_years: 5, levels: ['junior', 'intermediate', 'senior'], rule_version: 1, experts: [], version: 1,
};
const file = (id: number, uploaded_at: string, size: number) => ({
  id, teacher: 1, kind: 'certificate', description: '', filename: '证书.pdf', size, sha256: `${id}`,
  content_type: 'application/pdf', certificate: null, enterprise_period: null, uploaded_by: 9, uploaded_at, frozen: false,
});

describe('the evidence picker', () => {
  it('tells two uploads of one name apart by their upload time and size', async () => {
    server.use(
      http.get(`${API}/recognition-rounds/`, () => HttpResponse.json({ ...empty, count: 1, results: [round] })),
      http.get(`${API}/recognitions/`, () => HttpResponse.json(empty)),
      http.get(`${API}/recognition-applications/`, () => HttpResponse.json(empty)),
      http.get(`${API}/my-record/`, () =>
        HttpResponse.json({
          teacher: 1, certificates: [], enterprise_periods: [], completions: [],
          evidence: [file(1, '2026-11-02T01:05:00Z', 245760), file(2, '2026-12-06T09:30:00Z', 1572864)],
        }),
      ),
    );
    renderWithProviders(
      <MemoryRouter>
        <MyRecordPanels teacher={1} />
      </MemoryRouter>,
    );
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('apply'));
    const form = await screen.findByTestId('apply-form');
    const picker = within(form).getByText('佐证材料').closest('.ant-form-item') as HTMLElement;
    await user.click(picker.querySelector('input') as HTMLElement);
    // China's wall clock (UTC+8), whatever this machine's zone.
    expect(await screen.findByTitle('证书.pdf · 2026-11-02 09:05 · 240 KB')).toBeInTheDocument();
    expect(screen.getByTitle('证书.pdf · 2026-12-06 17:30 · 1.5 MB')).toBeInTheDocument();
  });
});
