// MSW handlers for training, mentors, accounts and settings. Tests install them with
// `server.use(...fe2Handlers())`; each call starts from fresh rows.
import { http, HttpResponse } from 'msw';

import { paginate } from './handlers';

const API = '/api/v1';

export const KNOWN_TEACHER_ID = '360102198506150011';
export const UNKNOWN_TEACHER_ID = '36010219850615002X';
export const KNOWN_MENTOR_ID = '360102197001010035';

type Body = Record<string, unknown>;

type UserRow = {
  id: number; username: string; first_name: string; last_name: string; email: string; role: string;
  city: number | null; school: number | null; training_base: number | null; is_active: boolean; last_login: string | null;
};

export function makeFe2State() {
  return {
    programs: [
      { id: 1, base: 1, base_name: '南昌智能制造培训基地', title: '数控加工企业实践', kind: 'enterprise_practice', hours: 120, start_on: '2026-09-01', end_on: '2026-10-10', version: 1 },
      { id: 2, base: 1, base_name: '南昌智能制造培训基地', title: '教学能力提升', kind: 'pedagogy', hours: 40, start_on: '2026-05-01', end_on: '2026-05-05', version: 1 },
    ],
    completions: [
      { id: 1, program: 2, program_title: '教学能力提升', base: 1, base_name: '南昌智能制造培训基地', teacher: 7, teacher_name: '李芳', school: 1, school_name: '江西示范职业技术学院', completed_on: '2026-05-05', hours: 40, passed: true, certificate_no: 'C-001', version: 1 },
    ],
    bases: [
      { id: 1, code: 'TB01', name: '南昌智能制造培训基地', host_name: '江铃汽车', host_kind: 'enterprise', city: 1, city_name: '南昌', designation: 'dual_qualified', approved_on: '2023-12-01', status: 'active', version: 1 },
      { id: 2, code: 'TB02', name: '九江职教一体化基地', host_name: '九江职业技术学院', host_kind: 'school', city: 2, city_name: '九江', designation: 'integrated', approved_on: null, status: 'planned', version: 1 },
    ],
    mentors: [
      { id: 1, name: '宋立新', id_number: '360111198912240473', gender: 'male', birth_date: '1989-12-24', age: 36, enterprise: '洪都航空', category: 'high_skill', title: '特级技师', skills: '钣金', editable: true, version: 1 },
      // Appointed by another school too: the province's record, masked for school HR.
      { id: 3, name: '陈国华', id_number: '3601************12', gender: 'male', birth_date: null, birth_year: 1975, age: null, enterprise: '江铃汽车', category: 'engineer', title: '高级工程师', skills: '', editable: false, version: 1 },
    ],
    appointments: [
      { id: 1, mentor: 1, mentor_name: '宋立新', school: 1, school_name: '江西示范职业技术学院', mode: 'teaching', start_on: '2025-09-01', end_on: null, hours: 32, version: 1 },
    ],
    users: [
      { id: 3, username: 'hr_a', first_name: '王人事', last_name: '', email: '', role: 'school_hr', city: null, school: 1, training_base: null, is_active: true, last_login: null },
      { id: 5, username: 'base_a', first_name: '基地管理员', last_name: '', email: '', role: 'base_staff', city: null, school: null, training_base: 1, is_active: true, last_login: null },
    ] as UserRow[],
    targets: [
      { code: 'dual_qualified_ratio', value: '0.6000', deadline: '2025-12-31', deadline_passed: true, current: 0.64, updated_by: null, updated_at: null, version: 1 },
      { code: 'training_bases', value: '20.0000', deadline: '2025-12-31', deadline_passed: true, current: 15, updated_by: null, updated_at: null, version: 1 },
    ],
    profile: {
      version: 0,
      values: {
        practice_window_years: 5, practice_min_days: 180, enterprise_min_days: 1095, training_min_hours: 40,
        training_window_years: 5, junior_evidence_items: 1, intermediate_min_teaching_years: 5,
        intermediate_extra_items: 1, senior_min_teaching_years: 10, senior_extra_items: 2,
        skill_min_grade: 'grade4', one_plus_x_min_level: 'intermediate', professional_title_min_level: 'intermediate',
        intermediate_min_title: 'intermediate', senior_min_title: 'associate_senior', recruitment_since: '2023-08-01',
        recruitment_enterprise_days: 1095, recruitment_min_education: 'higher_vocational',
        students_per_teacher: 20, students_per_teacher_higher_vocational: 18, part_time_share: 0.2,
        basic_certificate_kind: 'teacher_qualification',
      } as Record<string, unknown>,
    },
    /** Request bodies seen, newest last, for assertions. */
    sent: [] as { method: string; url: string; body: Body }[],
  };
}

export type Fe2State = ReturnType<typeof makeFe2State>;

const notFound = () => HttpResponse.json({ detail: 'Not found.' }, { status: 404 });

/** PATCH with the version the client read: 409 with {detail, current} when it is stale. */
function versioned<T extends { id: number; version: number }>(rows: T[], id: number, body: Body) {
  const row = rows.find((r) => r.id === id);
  if (!row) return notFound();
  if (body.version !== row.version)
    return HttpResponse.json(
      { detail: 'Someone else changed this record; reload it and try again.', current: row },
      { status: 409 },
    );
  const { version: _v, ...changes } = body;
  void _v;
  Object.assign(row, changes, { version: row.version + 1 });
  return HttpResponse.json(row);
}

export function fe2Handlers(state: Fe2State) {
  const record = async (request: Request) => {
    const body = (await request.clone().json().catch(() => ({}))) as Body;
    state.sent.push({ method: request.method, url: request.url, body });
    return body;
  };
  return [
    http.get(`${API}/training-programs/`, ({ request }) => HttpResponse.json(paginate(request, state.programs))),
    http.post(`${API}/training-programs/`, async ({ request }) => {
      const body = await record(request);
      const row = { ...state.programs[0], ...body, id: state.programs.length + 10, version: 1 } as Fe2State['programs'][number];
      state.programs.push(row);
      return HttpResponse.json(row, { status: 201 });
    }),
    http.patch(`${API}/training-programs/:id/`, async ({ params, request }) =>
      versioned(state.programs, Number(params.id), await record(request)),
    ),
    http.get(`${API}/training-completions/`, ({ request }) => {
      const search = new URL(request.url).searchParams.get('search');
      const rows = state.completions.filter((c) => !search || c.certificate_no.includes(search) || c.teacher_name.includes(search));
      return HttpResponse.json(paginate(request, rows));
    }),
    http.post(`${API}/training-completions/lookup-teacher/`, async ({ request }) => {
      const { id_number } = await record(request);
      if (id_number === KNOWN_TEACHER_ID) return HttpResponse.json({ id: 9, name: '张伟', school_name: '九江中等专业学校' });
      return HttpResponse.json({ detail: 'No teacher has this ID number.' }, { status: 404 });
    }),
    http.post(`${API}/training-completions/`, async ({ request }) => {
      const body = await record(request);
      const program = state.programs.find((p) => p.id === body.program);
      if (program && Number(body.hours) > program.hours)
        return HttpResponse.json({ hours: [`Hours cannot exceed the programme's ${program.hours} hours.`] }, { status: 400 });
      const row = {
        ...state.completions[0], ...body, id: state.completions.length + 10, program_title: program?.title ?? '',
        teacher: 9, teacher_name: '张伟', school_name: '九江中等专业学校', version: 1,
      } as Fe2State['completions'][number];
      state.completions.unshift(row);
      return HttpResponse.json(row, { status: 201 });
    }),
    http.patch(`${API}/training-completions/:id/`, async ({ params, request }) =>
      versioned(state.completions, Number(params.id), await record(request)),
    ),
    http.delete(`${API}/training-completions/:id/`, ({ params }) => {
      state.completions = state.completions.filter((c) => c.id !== Number(params.id));
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(`${API}/training-bases/stats/`, () =>
      HttpResponse.json(
        state.bases.map((b, i) => ({
          base: { id: b.id, code: b.code, name: b.name, status: b.status, city: b.city_name },
          programs: 3 - i, programs_run: 3 - i, completions: 22 * (1 - i), teachers_trained: 22 * (1 - i),
          passed: 19 * (1 - i), pass_rate: i ? null : 0.8636, qualified_through: 5 * (1 - i),
        })),
      ),
    ),
    http.get(`${API}/training-bases/`, ({ request }) => HttpResponse.json(paginate(request, state.bases))),
    http.patch(`${API}/training-bases/:id/`, async ({ params, request }) =>
      versioned(state.bases, Number(params.id), await record(request)),
    ),
    // As the API: a base that has programmes stays (the first base has three).
    http.delete(`${API}/training-bases/:id/`, ({ params }) => {
      if (Number(params.id) === state.bases[0]?.id) {
        return HttpResponse.json({ detail: 'This base still has programmes.' }, { status: 400 });
      }
      state.bases = state.bases.filter((b) => b.id !== Number(params.id));
      return new HttpResponse(null, { status: 204 });
    }),

    http.get(`${API}/mentors/counts/`, () =>
      HttpResponse.json([
        { school: { id: 1, code: 'S001', name: '江西示范职业技术学院' }, as_of: '2026-11-29', mentors: 1, by_mode: { teaching: 1, research: 0, project: 0 }, part_time_track: 1 },
      ]),
    ),
    http.post(`${API}/mentors/lookup/`, async ({ request }) => {
      const { id_number } = await record(request);
      if (id_number === KNOWN_MENTOR_ID) return HttpResponse.json({ id: 2, name: '刘秀英', enterprise: '江铃汽车' });
      return HttpResponse.json({ detail: 'No mentor has this ID number.' }, { status: 404 });
    }),
    http.get(`${API}/mentors/`, ({ request }) => HttpResponse.json(paginate(request, state.mentors))),
    http.post(`${API}/mentors/`, async ({ request }) => {
      const body = await record(request);
      const row = { ...state.mentors[0], ...body, id: state.mentors.length + 10, version: 1 } as Fe2State['mentors'][number];
      state.mentors.push(row);
      return HttpResponse.json(row, { status: 201 });
    }),
    http.patch(`${API}/mentors/:id/`, async ({ params, request }) =>
      versioned(state.mentors, Number(params.id), await record(request)),
    ),
    http.get(`${API}/mentor-appointments/`, ({ request }) => HttpResponse.json(paginate(request, state.appointments))),
    http.post(`${API}/mentor-appointments/`, async ({ request }) => {
      const body = await record(request);
      if (body.end_on && body.start_on && String(body.end_on) < String(body.start_on))
        return HttpResponse.json({ end_on: ['The end date cannot be before the start date.'] }, { status: 400 });
      // A new mentor comes with the appointment: both are stored, or neither (above).
      const fresh = body.new_mentor as Record<string, unknown> | undefined;
      if (fresh) {
        const mentor = { ...state.mentors[0], ...fresh, id: state.mentors.length + 10, version: 1 } as Fe2State['mentors'][number];
        state.mentors.push(mentor);
        const row = {
          ...state.appointments[0], ...body, id: state.appointments.length + 10, mentor: mentor.id, mentor_name: mentor.name, version: 1,
        } as Fe2State['appointments'][number];
        delete (row as Record<string, unknown>).new_mentor;
        state.appointments.push(row);
        return HttpResponse.json(row, { status: 201 });
      }
      const clash = state.appointments.find(
        (a) => (a.mentor === body.mentor || body.mentor_id_number === KNOWN_MENTOR_ID && a.mentor === 2) && a.mode === body.mode,
      );
      if (clash)
        return HttpResponse.json(
          { start_on: [`This mentor already has a ${clash.mode} appointment at this school from ${clash.start_on} that overlaps these dates.`] },
          { status: 400 },
        );
      const row = {
        ...state.appointments[0], ...body, id: state.appointments.length + 10,
        mentor: Number(body.mentor ?? 2), mentor_name: body.mentor ? '宋立新' : '刘秀英', version: 1,
      } as Fe2State['appointments'][number];
      state.appointments.push(row);
      return HttpResponse.json(row, { status: 201 });
    }),
    http.patch(`${API}/mentor-appointments/:id/`, async ({ params, request }) =>
      versioned(state.appointments, Number(params.id), await record(request)),
    ),
    http.delete(`${API}/mentor-appointments/:id/`, ({ params }) => {
      state.appointments = state.appointments.filter((a) => a.id !== Number(params.id));
      return new HttpResponse(null, { status: 204 });
    }),

    http.get(`${API}/users/`, ({ request }) => {
      const p = new URL(request.url).searchParams;
      const rows = state.users.filter(
        (u) => (!p.get('role') || u.role === p.get('role')) && (!p.get('search') || u.username.includes(p.get('search')!)),
      );
      return HttpResponse.json(paginate(request, rows));
    }),
    http.post(`${API}/users/`, async ({ request }) => {
      const body = await record(request);
      if (state.users.some((u) => u.username === body.username))
        return HttpResponse.json({ username: ['A user with that username already exists.'] }, { status: 400 });
      const row = { ...state.users[0], city: null, school: null, training_base: null, ...body, id: state.users.length + 10, is_active: true } as UserRow;
      state.users.push(row);
      return HttpResponse.json(row, { status: 201 });
    }),
    http.patch(`${API}/users/:id/`, async ({ params, request }) => {
      const body = await record(request);
      const row = state.users.find((u) => u.id === Number(params.id));
      if (!row) return notFound();
      Object.assign(row, body);
      return HttpResponse.json(row);
    }),
    http.delete(`${API}/users/:id/`, ({ params }) => {
      const row = state.users.find((u) => u.id === Number(params.id));
      if (row) row.is_active = false;
      return new HttpResponse(null, { status: 204 });
    }),

    http.get(`${API}/targets/`, () => HttpResponse.json(state.targets)),
    http.patch(`${API}/targets/:code/`, async ({ params, request }) => {
      const body = await record(request);
      const row = state.targets.find((t) => t.code === params.code);
      if (!row) return notFound();
      if (row.code === 'dual_qualified_ratio' && Number(body.value) >= 1)
        return HttpResponse.json({ value: ['A share between 0 and 1.'] }, { status: 400 });
      Object.assign(row, body, { version: row.version + 1 });
      return HttpResponse.json(row);
    }),
    http.get(`${API}/rule-profiles/current/`, () => HttpResponse.json(state.profile)),
    http.post(`${API}/rule-profiles/preview/`, async ({ request }) => {
      const body = await record(request);
      const values = body.values as Record<string, unknown>;
      if (Number(values.practice_min_days) < 0)
        return HttpResponse.json({ values: { practice_min_days: ['must be a whole number of at least 0'] } }, { status: 400 });
      const stricter = Number(values.practice_min_days ?? 0) > 180 || Number(body.target ?? 0) > 0.6;
      const side = (qualified: number, meets: boolean) => ({ qualified, in_scope: 50, meets_target: meets });
      return HttpResponse.json({
        as_of: '2026-11-29', schools: 3, meeting_target_now: 1, meeting_target_after: stricter ? 0 : 2,
        newly_meeting: stricter ? 0 : 1, newly_below: stricter ? 1 : 0,
        province_ratio_now: 0.64, province_ratio_after: stricter ? 0.58 : 0.66, qualified_now: 113, qualified_after: stricter ? 104 : 116,
        changed_schools: [
          stricter
            ? { id: 1, code: 'S001', name: '江西示范职业技术学院', before: side(31, true), after: side(29, false) }
            : { id: 3, code: 'S003', name: '赣州技师学院', before: side(28, false), after: side(31, true) },
        ],
      });
    }),
    http.post(`${API}/rule-profiles/`, async ({ request }) => {
      const body = await record(request);
      const values = body.values as Record<string, unknown>;
      if (body.base_version !== undefined && body.base_version !== state.profile.version)
        return HttpResponse.json(
          { detail: 'Someone else changed the rules; reload them and try again.', current: state.profile },
          { status: 409 },
        );
      if (Number(values.practice_min_days) < 0)
        return HttpResponse.json({ values: { practice_min_days: ['must be positive'] } }, { status: 400 });
      state.profile = { version: state.profile.version + 1, values: { ...state.profile.values, ...values } };
      return HttpResponse.json({ version: state.profile.version, values: state.profile.values, note: body.note ?? '', created_by: 'province', created_at: '2026-11-29T06:00:00Z' }, { status: 201 });
    }),
  ];
}
