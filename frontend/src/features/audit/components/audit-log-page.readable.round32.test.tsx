import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const ELIGIBILITY = '{"in_scope": true, "level": "junior", "qualified": true, "reasons": [{"code": "SCOPE"}]}';

const ENTRIES = [
  {
    id: 2,
    timestamp: '2026-12-05T08:30:00Z',
    action: 'update',
    model: 'application',
    object_id: 9,
    object_repr: '王芳 · 2026-1',
    actor: 'province',
    changes: {
      teacher: ['47', '48'],
      created_by: ['None', '4'],
      eligibility: ['None', ELIGIBILITY],
      status: ['draft', 'submitted'],
    },
    changes_display: {
      teacher: { old: '#47（已删除）', new: '王芳' },
      created_by: { old: null, new: 'hr_a' },
      eligibility: { old: null, new: '初级' },
    },
    additional_data: null,
    remote_addr: null,
  },
  {
    id: 1,
    timestamp: '2026-12-05T08:00:00Z',
    action: 'update',
    model: 'round',
    object_id: 3,
    object_repr: '2026-1',
    actor: 'province',
    changes: { levels: ['["junior"]', '["junior", "senior"]'] },
    changes_display: { levels: { old: '（已记录）', new: '（已记录）' } },
    additional_data: null,
    remote_addr: null,
  },
];

function auditLog() {
  server.use(
    http.get('/api/v1/audit-log/', () =>
      HttpResponse.json({ count: ENTRIES.length, next: null, previous: null, results: ENTRIES }),
    ),
  );
}

const lines = (row: HTMLElement) => within(row).getAllByTestId('audit-change').map((c) => c.textContent);

describe('the audit log reads related records and JSON values in words', () => {
  it('shows names for related ids, a deleted one as its number, and JSON in short words', { timeout: 60_000 }, async () => {
    auditLog();
    loginAs('province');
    const user = userEvent.setup({ delay: null });
    renderApp('/audit-log');
    const row = (await screen.findByText('王芳 · 2026-1')).closest('tr') as HTMLElement;
    const shown = lines(row);
    expect(shown[0]).toMatch(/：#47（已删除） → 王芳$/);
    expect(shown[1]).toMatch(/：— → hr_a$/);
    expect(shown[2]).toMatch(/：— → 初级$/);
    expect(shown[3]).toBe('状态：草稿 → 已提交');
    expect(row).not.toHaveTextContent('"level"');
    // The whole JSON value is one hover away.
    await user.hover(within(row).getAllByTestId('audit-after')[2]);
    expect(await screen.findByText(/"qualified": true/)).toBeInTheDocument();

    const round = screen.getByText('2026-1', { selector: 'span' }).closest('tr') as HTMLElement;
    expect(lines(round)[0]).toMatch(/：（已记录） → （已记录）$/);
    await user.hover(within(round).getAllByTestId('audit-after')[0]);
    expect(await screen.findByText(/"senior"/)).toBeInTheDocument();
  });

  it('reads in English', { timeout: 60_000 }, async () => {
    auditLog();
    await i18n.changeLanguage('en');
    loginAs('province');
    renderApp('/audit-log');
    const row = (await screen.findByText('王芳 · 2026-1')).closest('tr') as HTMLElement;
    expect(lines(row)[0]).toMatch(/^Teacher: #47（已删除） → 王芳$/);
    expect(lines(row)[2]).not.toContain('{');
  });
});
