import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// A certificate was named in the browser from its logged codes ("职业技能等级证书 四级/中级工",
// worded here) and on the server as "职业技能等级证书（四级/中级工）" (changes_display, the
// audit log): two wordings of one record. The pages now show the server's object_name.
const certificate = {
  id: 11,
  timestamp: '2026-03-01T09:00:00+08:00',
  action: 'create',
  model: 'certificate',
  object_id: 40,
  object_repr: 'skill_level:grade4',
  object_name: '职业技能等级证书（四级/中级工）',
  actor: 'hr_a',
  changes: { teacher: ['None', '1'], kind: ['None', 'skill_level'] },
  additional_data: null,
  changes_display: { teacher: { old: null, new: '王芳' } },
};
const page = (extra: Record<string, unknown> = {}) =>
  HttpResponse.json({ count: 1, next: null, previous: null, results: [{ ...certificate, ...extra }] });

describe('a certificate’s name is the server’s', () => {
  it('in the teacher’s change log', async () => {
    server.use(http.get('/api/v1/teachers/1/history/', () => page()));
    loginAs('hr_a');
    renderApp('/teachers/1');
    fireEvent.click(await screen.findByText('操作记录'));
    const card = await screen.findByTestId('teacher-history');
    const [row] = await within(card).findAllByTestId('history-entry');
    expect(row).toHaveTextContent('证书 · 职业技能等级证书（四级/中级工）');
    expect(row).not.toHaveTextContent('skill_level:grade4');
  });

  it('in the province’s audit log, not the logged codes', async () => {
    server.use(http.get('/api/v1/audit-log/', () => page({ remote_addr: null })));
    loginAs('province');
    renderApp('/audit-log');
    const record = await screen.findByTestId('audit-record');
    expect(record).toHaveTextContent('职业技能等级证书（四级/中级工）');
    expect(record).not.toHaveTextContent('skill_level:grade4');
  });
});
