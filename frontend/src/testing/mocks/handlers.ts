import { http, HttpResponse } from 'msw';

import { basesProgress, candidates, cities, schoolRatios, schools, summary, trend, users } from './data';
import { alertsHandlers } from './alerts-handlers';
import { db } from './db';

const API = '/api/v1';

// As the API answers no credentials: 401 with a Token challenge (never Basic: no login dialog).
const notAuthenticated = () =>
  HttpResponse.json(
    { detail: 'Authentication credentials were not provided.', code: 'not_authenticated' },
    { status: 401, headers: { 'WWW-Authenticate': 'Token' } },
  );

export function paginate<T>(request: Request, rows: T[]) {
  const url = new URL(request.url);
  const page = Number(url.searchParams.get('page') ?? 1);
  const size = Math.min(Number(url.searchParams.get('page_size') ?? 20), 200);
  const start = (page - 1) * size;
  return {
    count: rows.length,
    next: start + size < rows.length ? `${url.pathname}?page=${page + 1}` : null,
    previous: page > 1 ? `${url.pathname}?page=${page - 1}` : null,
    results: rows.slice(start, start + size),
  };
}

function filterTeachers(url: URL) {
  const p = url.searchParams;
  let rows = db.teachers.filter((t) => !db.me?.school || t.school === db.me.school);
  const search = p.get('search');
  if (search) rows = rows.filter((t) => t.name.includes(search) || t.staff_no.includes(search));
  for (const key of ['course_type', 'employment', 'gender', 'education', 'title'] as const) {
    const value = p.get(key);
    if (value) rows = rows.filter((t) => t[key] === value);
  }
  if (p.get('school')) rows = rows.filter((t) => t.school === Number(p.get('school')));
  if (p.get('qualification_level'))
    rows = rows.filter((t) => t.qualification.level === p.get('qualification_level'));
  if (p.get('recognized')) rows = rows.filter((t) => Boolean(t.recognized_level) === (p.get('recognized') === 'true'));
  if (p.get('qualified')) rows = rows.filter((t) => (t.qualification.level !== 'none') === (p.get('qualified') === 'true'));
  if (p.get('active') === 'true') rows = rows.filter((t) => !t.left_on);
  if (p.get('active') === 'false') rows = rows.filter((t) => t.left_on);
  const ordering = p.get('ordering');
  if (ordering) {
    const desc = ordering.startsWith('-');
    const field = ordering.replace('-', '') as 'name' | 'staff_no' | 'hired_on' | 'birth_date';
    rows = [...rows].sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0) * (desc ? -1 : 1));
  }
  return rows;
}

type Body = Record<string, unknown>;

const importSteps = new Map<number, Record<string, unknown>[]>();
const jobs = [
  {
    id: 7,
    kind: 'exports.teachers',
    title: '教师名单导出',
    status: 'succeeded',
    progress: { done: 120, total: 120 },
    message: '',
    result: {},
    link: '',
    download: '/api/v1/jobs/7/download/',
    result_name: '教师名单.xlsx',
    created_at: '2026-12-01T08:00:00Z',
    started_at: '2026-12-01T08:00:01Z',
    finished_at: '2026-12-01T08:00:03Z',
  },
];

export const handlers = [
  ...alertsHandlers,
  http.get(`${API}/auth/csrf/`, () => new HttpResponse(null, { status: 204 })),
  http.get(`${API}/auth/me/`, () => (db.me ? HttpResponse.json(db.me) : notAuthenticated())),
  http.post(`${API}/auth/login/`, async ({ request }) => {
    const { username, password } = (await request.json()) as Body;
    const user = users[String(username)];
    if (!user || password !== 'shuangshi-demo') {
      return HttpResponse.json(
        { non_field_errors: ['用户名或密码错误。'] },
        { status: 400 },
      );
    }
    db.me = user;
    return HttpResponse.json(user);
  }),
  http.post(`${API}/auth/logout/`, () => {
    db.me = null;
    return new HttpResponse(null, { status: 204 });
  }),

  // Accounts (the teacher page asks whether its teacher has one): the signed-in users, none
  // a teacher's; tests of the accounts screens use fe2Handlers.
  http.get(`${API}/users/`, ({ request }) => {
    const teacher = new URL(request.url).searchParams.get('teacher');
    const rows = Object.values(users).filter((u) => !teacher || u.teacher === Number(teacher));
    return HttpResponse.json(paginate(request, rows));
  }),

  // Recognitions (the teacher page shows the one in force beside the computed level): none
  // by default; tests of recognition screens put their own in with server.use.
  http.get(`${API}/recognitions/`, ({ request }) => HttpResponse.json(paginate(request, []))),
  // The teacher's own record (the proposal drawer and upload dialog read the evidence limits
  // from it): empty, with the server's limits, by default; tests of the teacher's page put
  // their own in with server.use.
  http.get(`${API}/my-record/`, () =>
    HttpResponse.json({
      teacher: 1,
      certificates: [],
      enterprise_periods: [],
      completions: [],
      evidence: [],
      evidence_max_bytes: 10 * 1024 * 1024,
      evidence_content_types: ['application/pdf', 'image/jpeg', 'image/png'],
    }),
  ),

  http.get(`${API}/cities/`, ({ request }) => HttpResponse.json(paginate(request, cities))),
  http.get(`${API}/schools/`, ({ request }) => {
    const params = new URL(request.url).searchParams;
    const city = params.get('city');
    const search = params.get('search') ?? '';
    return HttpResponse.json(
      paginate(
        request,
        schools.filter(
          (s) => (!city || s.city === Number(city)) && (!search || s.name.includes(search) || s.code.includes(search)),
        ),
      ),
    );
  }),
  http.get(`${API}/schools/:id/`, ({ params }) => {
    const school = schools.find((s) => s.id === Number(params.id));
    return school ? HttpResponse.json(school) : HttpResponse.json({ detail: 'Not found.' }, { status: 404 });
  }),

  http.get(`${API}/teachers/`, ({ request }) => {
    if (!db.me) return notAuthenticated();
    return HttpResponse.json(paginate(request, filterTeachers(new URL(request.url))));
  }),
  http.get(`${API}/teachers/:id/`, ({ params }) => {
    if (!db.me) return notAuthenticated();
    const teacher = db.teachers.find((t) => t.id === Number(params.id));
    if (!teacher || (db.me.school && teacher.school !== db.me.school))
      return HttpResponse.json({ detail: 'No Teacher matches the given query.' }, { status: 404 });
    return HttpResponse.json(teacher);
  }),
  http.post(`${API}/teachers/`, async ({ request }) => {
    const body = (await request.json()) as Body;
    const errors: Record<string, string[]> = {};
    if (db.teachers.some((t) => t.staff_no === body.staff_no)) errors.staff_no = ['工号已存在。'];
    if (String(body.id_number ?? '').endsWith('0000')) errors.id_number = ['身份证号已登记。'];
    if (Object.keys(errors).length) return HttpResponse.json(errors, { status: 400 });
    const school = schools.find((s) => s.id === (db.me?.school ?? body.school)) ?? schools[0];
    const teacher = {
      ...db.teachers[0],
      ...body,
      id: db.teachers.length + 100,
      school: school.id,
      school_name: school.name,
      qualification: null,
    } as unknown as (typeof db.teachers)[number];
    db.teachers.push(teacher);
    return HttpResponse.json(teacher, { status: 201 });
  }),
  http.patch(`${API}/teachers/:id/`, async ({ params, request }) => {
    const teacher = db.teachers.find((t) => t.id === Number(params.id));
    if (!teacher) return HttpResponse.json({ detail: 'Not found.' }, { status: 404 });
    Object.assign(teacher, (await request.json()) as Body, { version: teacher.version + 1 });
    return HttpResponse.json(teacher);
  }),
  http.delete(`${API}/teachers/:id/`, ({ params }) => {
    db.teachers = db.teachers.filter((t) => t.id !== Number(params.id));
    return new HttpResponse(null, { status: 204 });
  }),

  http.get(`${API}/certificates/`, ({ request }) => {
    const teacher = Number(new URL(request.url).searchParams.get('teacher'));
    return HttpResponse.json(paginate(request, db.certificates.filter((c) => c.teacher === teacher)));
  }),
  http.post(`${API}/certificates/`, async ({ request }) => {
    const body = (await request.json()) as Body;
    const row = { ...db.certificates[0], ...body, id: db.certificates.length + 100 } as (typeof db.certificates)[number];
    db.certificates.push(row);
    return HttpResponse.json(row, { status: 201 });
  }),
  http.get(`${API}/enterprise-periods/`, ({ request }) => {
    const teacher = Number(new URL(request.url).searchParams.get('teacher'));
    return HttpResponse.json(paginate(request, db.periods.filter((c) => c.teacher === teacher)));
  }),

  http.get(`${API}/ratios/schools/`, ({ request }) => {
    const p = new URL(request.url).searchParams;
    let rows = schoolRatios;
    if (p.get('school')) rows = rows.filter((r) => r.school.id === Number(p.get('school')));
    if (p.get('city')) rows = rows.filter((r) => r.school.city === Number(p.get('city')));
    if (p.get('kind')) rows = rows.filter((r) => r.school.kind === p.get('kind'));
    if (p.get('below_target') === 'true') rows = rows.filter((r) => !r.meets_target);
    const search = p.get('search');
    if (search) rows = rows.filter((r) => r.school.name.includes(search) || r.school.code.includes(search));
    return HttpResponse.json(paginate(request, rows));
  }),
  http.get(`${API}/ratios/summary/`, ({ request }) => {
    // Like the server: a city narrows every figure to that city's schools.
    const city = Number(new URL(request.url).searchParams.get('city')) || undefined;
    const row = city ? summary.by_city.find((r) => r.city.id === city) : undefined;
    if (!row) return HttpResponse.json(summary);
    return HttpResponse.json({ ...summary, province: { ...row, city: undefined }, by_city: [row] });
  }),
  http.get(`${API}/ratios/trend/`, () => HttpResponse.json(trend)),
  http.get(`${API}/ratios/candidates/`, ({ request }) => HttpResponse.json(paginate(request, candidates))),
  http.get(`${API}/training-bases/progress/`, () => HttpResponse.json(basesProgress)),

  // Imports run as background jobs: the upload answers `queued`, each GET moves one step on
  // (validating with progress, then valid/invalid); a commit answers `committing`, then committed.
  http.post(`${API}/imports/`, async ({ request }) => {
    const form = await request.formData();
    const file = form.get('file') as File;
    // (the test DOM's XHR may lose the file name, so the content decides.)
    const bad = (await file.text()).startsWith('bad');
    const id = bad ? 41 : 42;
    const base = { id, kind: form.get('kind'), filename: file.name, rows: 0, ready: 0, failed: 0, errors: [], message: '' };
    const done = {
      ...base,
      status: bad ? 'invalid' : 'valid',
      rows: 3,
      ready: bad ? 2 : 3,
      failed: bad ? 1 : 0,
      errors: bad ? [{ row: 4, column: '身份证号', value: '123', message: '身份证号应为 18 位。' }] : [],
      progress: { done: 3, total: 3 },
    };
    importSteps.set(id, [{ ...base, status: 'validating', progress: { done: 2, total: 0 } }, done]);
    return HttpResponse.json({ ...base, status: 'queued', progress: { done: 0, total: 0 } }, { status: 201 });
  }),
  http.get(`${API}/imports/:id/`, ({ params }) => {
    const steps = importSteps.get(Number(params.id)) ?? [];
    const next = steps.length > 1 ? steps.shift() : steps[0];
    return next ? HttpResponse.json(next) : HttpResponse.json({ detail: 'Not found.' }, { status: 404 });
  }),
  http.post(`${API}/imports/:id/commit/`, ({ params }) => {
    const id = Number(params.id);
    const base = { id, rows: 3, ready: 3, failed: 0, errors: [], message: '' };
    importSteps.set(id, [
      { ...base, status: 'committing', progress: { done: 2, total: 3 } },
      { ...base, status: 'committed', created: 2, updated: 1, progress: { done: 3, total: 3 } },
    ]);
    return HttpResponse.json({ ...base, status: 'committing', progress: { done: 0, total: 3 } });
  }),
  http.get(`${API}/jobs/`, ({ request }) => HttpResponse.json(paginate(request, jobs))),
];
