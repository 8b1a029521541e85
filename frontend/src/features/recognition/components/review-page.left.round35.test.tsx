import { screen, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { markSignedIn } from '@/lib/auth';
import i18n from '@/lib/i18n';
import { db } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const API = '/api/v1';
const empty = { count: 0, next: null, previous: null, results: [] };
const me = (role: 'province' | 'school_hr') => ({
  id: role === 'province' ? 1 : 2, username: role === 'province' ? 'province' : 'hr_a',
  full_name: role === 'province' ? '省厅管理员' : '人事处', role,
  school: role === 'school_hr' ? 1 : null, school_name: role === 'school_hr' ? '南昌工业职业技术学院' : null,
  training_base: null, training_base_name: null, city: null, city_name: null,
  teacher: null, teacher_name: null, must_change_password: false,
});
const application = {
  id: 9, round: 1, round_code: 'JX2026-1', teacher: 1, teacher_name: '郭超', school: 1,
  school_name: '南昌工业职业技术学院', level: 'junior', statement: '', evidence: [], evidence_files: [],
  status: 'submitted', eligibility: { level: 'junior', missing: [] }, history: [], votes: [],
  publicity_until: null, recognition: null, teacher_has_left: false, version: 2,
};

async function openDrawer(role: 'province' | 'school_hr', app: Record<string, unknown>) {
  server.use(
    http.get(`${API}/recognition-applications/9/`, () => HttpResponse.json(app)),
    http.get(`${API}/recognition-applications/`, () => HttpResponse.json({ ...empty, count: 1, results: [app] })),
    http.get(`${API}/recognition-rounds/`, () => HttpResponse.json(empty)),
    http.get(`${API}/recognitions/gaps/`, () => HttpResponse.json({ should_apply: [], no_longer_qualified: [] })),
  );
  db.me = me(role);
  markSignedIn(true);
  renderApp('/recognition?application=9');
  return screen.findByRole('dialog');
}

describe('an application whose teacher has left', () => {
  it('says so to the school, which may return it or say no but not approve it', async () => {
    const drawer = await openDrawer('school_hr', { ...application, teacher_has_left: true });
    expect(within(drawer).getByTestId('teacher-left')).toHaveTextContent('该教师已离职');
    const form = within(drawer).getByTestId('review-form');
    expect(within(form).queryByTestId('approve')).not.toBeInTheDocument();
    expect(within(form).getByRole('button', { name: '退回修改' })).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: '不同意' })).toBeInTheDocument();
  });

  it('keeps approve for a teacher who is still at the school, with no warning', async () => {
    const drawer = await openDrawer('school_hr', application);
    expect(await within(drawer).findByTestId('approve')).toBeInTheDocument();
    expect(within(drawer).queryByTestId('teacher-left')).not.toBeInTheDocument();
  });

  it('does not offer the province to finalize it, in English too', async () => {
    await i18n.changeLanguage('en');
    try {
      const publicized = {
        ...application, status: 'publicized', teacher_has_left: true,
        publicity_until: dayjs().subtract(2, 'day').format('YYYY-MM-DD'),
      };
      const drawer = await openDrawer('province', publicized);
      expect(within(drawer).getByTestId('teacher-left')).toHaveTextContent('This teacher has left the school');
      expect(await within(drawer).findByTestId('finalize')).toBeDisabled();
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
