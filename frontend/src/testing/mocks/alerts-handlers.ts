// MSW handlers for notifications, practice duty, forecasts and practical hours (issue 13).
// Part of the default handlers: the header bell asks for the unread count on every page.
import { http, HttpResponse } from 'msw';

const API = '/api/v1';

export const alertsState = {
  notifications: [
    {
      id: 1,
      kind: 'certificate_expiring',
      title: '王芳：有证书将于 2027-02-01 到期',
      body: '如不续期，等级将由初级降为未达标。',
      link: '/teachers/1?certificate=1',
      subject: 'certificate:1',
      due_on: '2027-02-01',
      created_at: '2026-12-01T07:00:00Z',
      read_at: null as string | null,
      resolved_at: null as string | null,
    },
  ],
  emailEnabled: true,
  digestLanguage: '',
  // The account's address ('': none; the API refuses turning the digest on without one).
  email: 'hr@example.cn',
};

// Unread as the API means it: not read, and not resolved (a resolved alert waits no more).
const waiting = (n: { read_at: string | null; resolved_at: string | null }) => !n.read_at && !n.resolved_at;

const preferences = () => ({
  email_enabled: alertsState.emailEnabled,
  email: alertsState.email,
  email_active: alertsState.emailEnabled && alertsState.email !== '',
  language: alertsState.digestLanguage,
});

export const alertsHandlers = [
  http.get(`${API}/alert-settings/`, () =>
    HttpResponse.json({
      certificate_expiring_days: 90,
      practice_lapsing_days: 90,
      level_dropping_days: 60,
      school_falling_below_days: 180,
      recognition_expiring_days: 180,
      version: 1,
      updated_at: null,
    }),
  ),
  http.get(`${API}/notifications/unread-count/`, () =>
    HttpResponse.json({ unread: alertsState.notifications.filter(waiting).length }),
  ),
  http.get(`${API}/notifications/preferences/`, () => HttpResponse.json(preferences())),
  http.patch(`${API}/notifications/preferences/`, async ({ request }) => {
    const body = (await request.json()) as { email_enabled?: boolean; language?: string };
    if (body.email_enabled && !alertsState.email)
      return HttpResponse.json(
        { email_enabled: ['您的账号未登记电子邮箱：请先联系省级管理员添加，再开启邮件摘要。'] },
        { status: 400 },
      );
    if (body.email_enabled !== undefined) alertsState.emailEnabled = body.email_enabled;
    if (body.language !== undefined) alertsState.digestLanguage = body.language;
    return HttpResponse.json(preferences());
  }),
  http.post(`${API}/notifications/read-all/`, () => {
    const unread = alertsState.notifications.filter(waiting);
    for (const n of unread) n.read_at = '2026-12-01T08:00:00Z';
    return HttpResponse.json({ marked: unread.length });
  }),
  http.post(`${API}/notifications/:id/read/`, ({ params }) => {
    const row = alertsState.notifications.find((n) => n.id === Number(params.id));
    if (!row) return HttpResponse.json({ detail: 'Not found.' }, { status: 404 });
    row.read_at = '2026-12-01T08:00:00Z';
    return HttpResponse.json(row);
  }),
  http.get(`${API}/notifications/`, ({ request }) => {
    const unread = new URL(request.url).searchParams.get('unread') === 'true';
    const rows = alertsState.notifications.filter((n) => !unread || waiting(n));
    return HttpResponse.json({ count: rows.length, next: null, previous: null, results: rows });
  }),
  http.get(`${API}/ratios/forecast/schools/`, () =>
    HttpResponse.json([{ school: { id: 2, code: 'S00002', name: '九江技师学院' }, below_on: '2027-04-16' }]),
  ),
  http.get(`${API}/ratios/forecast/`, () =>
    HttpResponse.json({
      scope: 'province',
      key: 0,
      points: [
        { date: '2026-12-31', in_scope: 10, qualified: 7, ratio: 0.7, meets_target: true },
        { date: '2027-01-31', in_scope: 10, qualified: 6, ratio: 0.6, meets_target: false },
      ],
    }),
  ),
  http.get(`${API}/teaching-hours/shares/`, () =>
    HttpResponse.json({
      term: '2026-2027-1',
      target: 0.5,
      schools: [
        { school: { id: 1, code: 'S00001', name: '南昌职业学院' }, term: '2026-2027-1', total_hours: 1000, practical_hours: 620, practical_share: 0.62, meets_target: true },
        { school: { id: 2, code: 'S00002', name: '九江技师学院' }, term: '2026-2027-1', total_hours: 1000, practical_hours: 410, practical_share: 0.41, meets_target: false },
      ],
    }),
  ),
  http.get(`${API}/practice-duty/summary/`, () =>
    HttpResponse.json([{ school: { id: 1, code: 'S00001', name: '南昌职业学院' }, teachers: 2, short: 1, share_short: 0.5 }]),
  ),
  http.get(`${API}/practice-duty/`, () =>
    HttpResponse.json({
      count: 2,
      next: null,
      previous: null,
      results: [
        {
          teacher: { id: 1, name: '王芳', staff_no: 'T001', school: { id: 1, name: '南昌职业学院' } },
          days_in_window: 100,
          required: 180,
          short_by: 80,
          window_start: '2021-12-01',
          window_end: '2026-12-01',
          lapses_on: null,
        },
        {
          teacher: { id: 2, name: '李强', staff_no: 'T002', school: { id: 1, name: '南昌职业学院' } },
          days_in_window: 190,
          required: 180,
          short_by: 0,
          window_start: '2021-12-01',
          window_end: '2026-12-01',
          lapses_on: '2027-03-15',
        },
      ],
    }),
  ),
];
