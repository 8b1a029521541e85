// A small in-memory world for MSW: two cities, three schools, a few dozen teachers.
import type { Me } from '@/lib/auth';

export const users: Record<string, Me> = {
  province: {
    id: 1, username: 'province', full_name: '省厅管理员', role: 'province',
    school: null, school_name: null, training_base: null, training_base_name: null, city: null, city_name: null,
    teacher: null, teacher_name: null, must_change_password: false,
  },
  city_nc: {
    id: 2, username: 'city_nc', full_name: '南昌市教育局', role: 'city',
    school: null, school_name: null, training_base: null, training_base_name: null, city: 1, city_name: '南昌',
    teacher: null, teacher_name: null, must_change_password: false,
  },
  hr_a: {
    id: 3, username: 'hr_a', full_name: '王人事', role: 'school_hr',
    school: 1, school_name: '江西示范职业技术学院', training_base: null, training_base_name: null, city: 1, city_name: '南昌',
    teacher: null, teacher_name: null, must_change_password: false,
  },
  base_a: {
    id: 5, username: 'base_a', full_name: '基地管理员', role: 'base_staff',
    school: null, school_name: null, training_base: 1, training_base_name: '南昌智能制造培训基地', city: 1, city_name: '南昌',
    teacher: null, teacher_name: null, must_change_password: false,
  },
};

export const cities = [
  { id: 1, code: '3601', name: '南昌', name_en: 'Nanchang' },
  { id: 2, code: '3604', name: '九江', name_en: 'Jiujiang' },
  { id: 3, code: '3607', name: '赣州', name_en: 'Ganzhou' },
];

export const schools = [
  { id: 1, code: 'S001', name: '江西示范职业技术学院', city: 1, city_name: '南昌', kind: 'higher_vocational', student_count: 9000, version: 1 },
  { id: 2, code: 'S002', name: '九江中等专业学校', city: 2, city_name: '九江', kind: 'secondary_vocational', student_count: 3000, version: 1 },
  { id: 3, code: 'S003', name: '赣州技师学院', city: 3, city_name: '赣州', kind: 'technician_college', student_count: 4000, version: 1 },
];

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const given = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰'];

function qualification(i: number) {
  const level = (['none', 'junior', 'intermediate', 'senior'] as const)[i % 4];
  return {
    level,
    qualified: level !== 'none',
    valid_until: i % 5 === 0 ? new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10) : null,
    evidence_needed: [1, 1, 2] as [number, number, number],
    practice_window_years: 5,
    // The engine's eleven rules, in its order (REASON_CODES).
    reasons: [
      { code: 'SCOPE', met: true, value: 'full_time/professional/employed', threshold: 'full_time/professional|practical/employed', message: 'qualification.rule.scope' },
      { code: 'BASIC', met: level !== 'none', value: level !== 'none' ? 'secondary_vocational' : null, threshold: 'teacher_qualification', message: 'qualification.rule.basic' },
      { code: 'E_SKILL', met: i % 2 === 0, value: i % 2 === 0 ? 'grade3' : null, threshold: 'grade4', message: 'qualification.rule.e_skill' },
      { code: 'E_TITLE', met: false, value: null, threshold: 'intermediate', message: 'qualification.rule.e_title' },
      { code: 'E_PRACTICE', met: i % 3 === 0, value: i % 3 === 0 ? 200 : 84, threshold: 180, message: 'qualification.rule.e_practice', changes_on: i % 3 === 0 ? '2027-03-01' : null },
      { code: 'E_ENTERPRISE', met: false, value: 0, threshold: 1095, message: 'qualification.rule.e_enterprise' },
      { code: 'E_TRAINING', met: false, value: 0, threshold: 40, message: 'qualification.rule.e_training' },
      { code: 'TITLE_INTERMEDIATE', met: true, value: 'intermediate', threshold: 'intermediate', message: 'qualification.rule.title_intermediate' },
      { code: 'YEARS_INTERMEDIATE', met: true, value: 8, threshold: 5, message: 'qualification.rule.years_intermediate' },
      { code: 'TITLE_SENIOR', met: false, value: 'intermediate', threshold: 'associate_senior', message: 'qualification.rule.title_senior' },
      { code: 'YEARS_SENIOR', met: false, value: 8, threshold: 10, message: 'qualification.rule.years_senior' },
    ],
  };
}

export type MockTeacher = ReturnType<typeof makeTeacher>;

function makeTeacher(i: number) {
  const school = schools[i % 3];
  return {
    id: i + 1,
    school: school.id,
    school_name: school.name,
    staff_no: `T${String(i + 1).padStart(4, '0')}`,
    name: `${surnames[i % 10]}${given[(i * 3) % 10]}${i >= 10 ? given[i % 10] : ''}`,
    id_number: '3601**********1234',
    gender: i % 2 === 0 ? 'male' : 'female',
    birth_date: '1985-06-15',
    employment: i % 7 === 0 ? 'part_time' : 'full_time',
    course_type: (['professional', 'practical', 'public'] as const)[i % 3],
    major: '机电一体化',
    major_category: (i % 2 === 0 ? '46' : null) as string | null,
    education: 'bachelor',
    normal_graduate: i % 4 === 0,
    title: (['none', 'junior', 'intermediate', 'associate_senior', 'senior'] as const)[i % 5],
    hired_on: `20${String(10 + (i % 14)).padStart(2, '0')}-09-01`,
    teaching_since: '2010-09-01',
    left_on: null as string | null,
    version: 1,
    qualification: qualification(i),
    // The list row's official recognition in force (none in the mock data unless a test sets one).
    recognized_level: null as string | null,
    recognized_valid_until: null as string | null,
  };
}

export function makeTeachers(n = 30) {
  return Array.from({ length: n }, (_, i) => makeTeacher(i));
}

export const certificates = [
  { id: 1, teacher: 1, kind: 'teacher_qualification', level: 'secondary_vocational', name: '教师资格证', field: '机械', number: 'TQ001', issuer: '江西省教育厅', issued_on: '2012-07-01', expires_on: null, version: 1 },
  { id: 2, teacher: 1, kind: 'skill_level', level: 'grade3', name: '钳工', field: '钳工', field_category: '46', number: 'SK002', issuer: '人社厅', issued_on: '2018-03-01', expires_on: new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10), version: 1 },
];

export const periods = [
  { id: 1, teacher: 1, kind: 'practice', enterprise: '江铃汽车', credit_code: '', position: '技术员', start_on: '2022-07-01', end_on: '2022-12-31', days: 184, version: 1 },
];

const staffing = {
  student_count: 9000, full_time: 120, part_time: 20, mentors: 4,
  students_per_teacher: 75, students_per_teacher_norm: 18, students_per_teacher_ok: false,
  part_time_share: 0.2, part_time_norm: 0.2, part_time_ok: true,
};

const figures = (in_scope: number, qualified: number, gap: number) => ({
  in_scope, qualified, ratio: in_scope ? qualified / in_scope : null, target: 0.6, gap,
  meets_target: gap === 0, levels: { junior: qualified, intermediate: 0, senior: 0 },
});

export const schoolRatios = [
  { school: { id: 1, code: 'S001', name: '江西示范职业技术学院', city: 1, city_name: '南昌', kind: 'higher_vocational' }, ...figures(100, 65, 0), staffing },
  { school: { id: 2, code: 'S002', name: '九江中等专业学校', city: 2, city_name: '九江', kind: 'secondary_vocational' }, ...figures(40, 20, 5), staffing },
  { school: { id: 3, code: 'S003', name: '赣州技师学院', city: 3, city_name: '赣州', kind: 'technician_college' }, ...figures(50, 28, 3), staffing },
];

export const summary = {
  as_of: '2026-11-29',
  target: 0.6,
  province: figures(190, 113, 2),
  by_city: [
    { city: { id: 1, code: '360100', name: '南昌' }, ...figures(100, 65, 0) },
    { city: { id: 2, code: '360400', name: '九江' }, ...figures(40, 20, 5) },
    { city: { id: 3, code: '360700', name: '赣州' }, ...figures(50, 28, 3) },
  ],
  by_kind: [
    { kind: 'higher_vocational', ...figures(100, 65, 0) },
    { kind: 'secondary_vocational', ...figures(40, 20, 5) },
    { kind: 'technician_college', ...figures(50, 28, 3) },
  ],
  schools: { total: 3, meeting_target: 1, without_teachers_in_scope: 0 },
};

export const trend = {
  scope: 'province',
  key: 0,
  points: [
    { month: '2026-09', in_scope: 190, qualified: 110, ratio: 110 / 190 },
    { month: '2026-10', in_scope: 190, qualified: 112, ratio: 112 / 190 },
    { month: '2026-11', in_scope: 190, qualified: 113, ratio: 113 / 190, live: true },
  ],
};

export const basesProgress = {
  as_of: '2026-11-29',
  target: { count: 20, deadline: '2025-12-31', deadline_passed: true, days_left: null },
  total: 7,
  active: 6,
  remaining: 14,
  met: false,
  missed: true,
  by_status: { planned: 1, active: 6, suspended: 0 },
};

export const candidates = [
  {
    teacher: { id: 2, name: '李敏', staff_no: 'T0002' }, level: 'none', distance: 32,
    missing: [
      { code: 'E_PRACTICE', quantity: 32, unit: 'days', message: 'qualification.missing.e_practice', params: { days: 32, threshold: 180 }, distance: 32, one_of: true, needed: 1 },
      { code: 'E_TRAINING', quantity: 40, unit: 'hours', message: 'qualification.missing.e_training', params: { hours: 40 }, distance: 40, one_of: true, needed: 1 },
    ],
  },
];
