import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { fieldLabel, valueText } from '@/lib/audit-text';
import i18n from '@/lib/i18n';
import { loginAs } from '@/testing/mocks/db';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

// Round 43: targets, alert settings and a base's status changes showed their field names
// (value, deadline, updated_by, recorded_at, base, certificate_expiring_days …), and the time a
// status change was recorded as auditlog keeps it (UTC, without its zone).
const entry = (id: number, model: string, repr: string, changes: Record<string, [string, string]>, display = {}) => ({
  id,
  timestamp: '2026-12-05T08:30:00Z',
  action: 'update',
  model,
  object_id: id,
  object_repr: repr,
  actor: 'province',
  changes,
  changes_display: display,
  additional_data: null,
  remote_addr: null,
});

const ENTRIES = [
  entry(
    1,
    'target',
    'ratio',
    { value: ['0.5000', '0.5500'], deadline: ['2027-12-31', '2028-06-30'], updated_by: ['None', '1'] },
    { updated_by: { old: null, new: 'province' } },
  ),
  entry(2, 'alertsettings', 'alert settings', {
    certificate_expiring_days: ['90', '60'],
    practice_lapsing_days: ['90', '30'],
    level_dropping_days: ['60', '45'],
    school_falling_below_days: ['180', '120'],
  }),
  entry(3, 'alertsettings', 'alert settings 2', { recognition_expiring_days: ['180', '90'] }),
  entry(
    4,
    'basestatuschange',
    'base status',
    { base: ['None', '3'], recorded_by: ['None', '1'], recorded_at: ['None', '2026-12-05 08:30:00.123456'] },
    { base: { old: null, new: '南昌基地' }, recorded_by: { old: null, new: 'province' } },
  ),
];

const lines = (repr: string) =>
  within(screen.getByText(repr, { selector: '[data-testid="audit-record"] *, [data-testid="audit-record"]' }).closest('tr') as HTMLElement)
    .getAllByTestId('audit-change')
    .map((c) => c.textContent);

describe('the audit log names every field of targets, alert settings and base statuses (round 43)', () => {
  it('in words, and a recorded time as China’s wall clock', { timeout: 60_000 }, async () => {
    server.use(
      http.get('/api/v1/audit-log/', () =>
        HttpResponse.json({ count: ENTRIES.length, next: null, previous: null, results: ENTRIES }),
      ),
    );
    loginAs('province');
    renderApp('/audit-log');
    await screen.findByText('base status');
    expect(lines('ratio')).toEqual(['目标值：0.5000 → 0.5500', '截止日期：2027-12-31 → 2028-06-30', '修改人：— → province']);
    expect(lines('alert settings')).toEqual([
      '证书到期提前提醒天数：90 → 60',
      '企业实践不足提前提醒天数：90 → 30',
      '等级下降提前提醒天数：60 → 45',
      '学校低于目标提前提醒天数：180 → 120',
    ]);
    expect(lines('alert settings 2')).toEqual(['认定到期提前提醒天数：180 → 90']);
    // auditlog keeps a date-and-time in UTC without its zone: 08:30 UTC is 16:30 in China.
    expect(lines('base status')).toEqual(['培训基地：— → 南昌基地', '记录人：— → province', '记录时间：— → 2026-12-05 16:30:00']);
  });
});

// Every field the backend's audit registry logs (backend/shuangshi/audit/registry.py, less
// created_at/updated_at and the excluded ones), by model.
const AUDITED_FIELDS: Record<string, string[]> = {
  school: ['code', 'name', 'city', 'kind', 'student_count', 'version'],
  teacher: ['school', 'staff_no', 'name', 'id_number', 'gender', 'birth_date', 'employment', 'course_type', 'major', 'education', 'normal_graduate', 'major_category', 'title', 'hired_on', 'teaching_since', 'left_on', 'facts_since', 'version'],
  certificate: ['teacher', 'kind', 'level', 'name', 'field', 'number', 'issuer', 'issued_on', 'expires_on', 'field_category', 'status', 'reject_reason', 'version'],
  enterpriseperiod: ['teacher', 'kind', 'enterprise', 'credit_code', 'position', 'start_on', 'end_on', 'status', 'reject_reason', 'version'],
  trainingcompletion: ['program', 'teacher', 'completed_on', 'hours', 'passed', 'certificate_no', 'voided', 'void_reason', 'version'],
  mentor: ['name', 'id_number', 'gender', 'birth_date', 'enterprise', 'category', 'title', 'skills', 'registered_by_school', 'version'],
  mentorappointment: ['mentor', 'school', 'mode', 'start_on', 'end_on', 'hours', 'version'],
  trainingbase: ['code', 'name', 'host_name', 'host_kind', 'city', 'designation', 'approved_on', 'status', 'version'],
  basestatuschange: ['base', 'status', 'effective_on', 'reason', 'recorded_by', 'recorded_at'],
  trainingprogram: ['base', 'title', 'kind', 'hours', 'start_on', 'end_on', 'version'],
  user: ['is_superuser', 'username', 'first_name', 'last_name', 'email', 'is_staff', 'is_active', 'date_joined', 'role', 'city', 'school', 'training_base', 'teacher', 'must_change_password', 'groups', 'user_permissions'],
  target: ['code', 'value', 'deadline', 'updated_by', 'version'],
  preference: ['user', 'email_enabled', 'language'],
  alertsettings: ['certificate_expiring_days', 'practice_lapsing_days', 'level_dropping_days', 'school_falling_below_days', 'recognition_expiring_days', 'version', 'updated_by'],
  teachinghours: ['school', 'term', 'major_category', 'total_hours', 'practical_hours', 'version'],
  round: ['code', 'name', 'opens_on', 'closes_on', 'publicity_days', 'validity_years', 'levels', 'rule_version', 'certificate_serial', 'version', 'experts'],
  application: ['round', 'teacher', 'level', 'statement', 'status', 'school', 'eligibility', 'submitted_at', 'publicity_until', 'created_by', 'version', 'evidence'],
  recognition: ['teacher', 'level', 'round', 'application', 'certificate_no', 'recognized_on', 'valid_until', 'revoked_on', 'revoke_reason'],
  evidencefile: ['teacher', 'kind', 'description', 'filename', 'size', 'sha256', 'content_type', 'certificate', 'enterprise_period', 'uploaded_by', 'uploaded_at'],
  vote: ['application', 'expert', 'decision', 'opinion', 'at'],
  objection: ['application', 'filed_by', 'reason', 'filed_at', 'status', 'resolution', 'resolved_by', 'resolved_at'],
};

describe('audit field labels', () => {
  it.each(['zh-CN', 'en'])('name every audited field in words (%s)', (lng) => {
    const t = i18n.getFixedT(lng);
    const exists = (key: string) => i18n.exists(key, { lng });
    const raw = Object.entries(AUDITED_FIELDS).flatMap(([model, fields]) =>
      fields.filter((field) => fieldLabel(t, exists, model, field) === field).map((field) => `${model}.${field}`),
    );
    expect(raw).toEqual([]);
  });

  it('read a recognition’s certificate number as the certificate’s, not a training completion’s', () => {
    const t = i18n.getFixedT('zh-CN');
    const exists = (key: string) => i18n.exists(key, { lng: 'zh-CN' });
    expect(fieldLabel(t, exists, 'recognition', 'certificate_no')).toBe('证书编号');
    expect(fieldLabel(t, exists, 'trainingcompletion', 'certificate_no')).toBe('结业证书编号');
  });

  it('show a date-and-time in China’s time, to the second, and leave a plain date alone', () => {
    const t = i18n.getFixedT('zh-CN');
    // auditlog: naive UTC; the batch writer: with its zone.
    expect(valueText(t, '2026-12-05 08:30:00.123456').text).toBe('2026-12-05 16:30:00');
    expect(valueText(t, '2026-12-05 20:30:00+00:00').text).toBe('2026-12-06 04:30:00');
    expect(valueText(t, '2026-12-05T20:30:00Z').text).toBe('2026-12-06 04:30:00');
    expect(valueText(t, '2026-12-05').text).toBe('2026-12-05');
  });
});
