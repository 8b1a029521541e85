import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';

import type { Qualification, QualificationReason } from '../types/teacher';
import { levelChecklist, type EnumLabel } from './level-checklist';

// Round 44 (QA): the checklist said 未持有 for a skill certificate the teacher holds when a
// field category (专业大类) is missing, and "任教 1 年" when 12 days were missing.
const t = (key: string, params?: Record<string, unknown>) => i18n.t(key, params) as string;
const label: EnumLabel = (group, code) => (code ? (i18n.t(`enums.${group}.${code}`, { defaultValue: code }) as string) : '—');

const reason = (code: string, met: boolean, value: unknown, threshold: unknown, extra: Partial<QualificationReason> = {}): QualificationReason => ({
  code, met, value, threshold, message: `qualification.rule.${code.toLowerCase()}`, params: { value, threshold }, ...extra,
});

// The E_SKILL reason as the API sends it for a held certificate outside the field
// (engine.py `_field_note`): value null, the why in `note` and in params with both categories.
const outOfField = (why: string, teacher: string | null, certificate: string | null) =>
  reason('E_SKILL', false, null, 'grade4', {
    note: why,
    params: { value: null, threshold: 'grade4', why, teacher_category: teacher, certificate_category: certificate },
  });

const teacher = (skill: QualificationReason, years: QualificationReason = reason('YEARS_SENIOR', false, 6, 10)): Qualification => ({
  level: 'none',
  qualified: false,
  valid_until: null,
  evidence_needed: [1, 1, 2],
  practice_window_years: 5,
  reasons: [
    reason('BASIC', true, 'higher_education', 'teacher_qualification'),
    skill,
    reason('E_TITLE', false, null, 'intermediate'),
    reason('E_PRACTICE', false, 84, 180),
    reason('E_ENTERPRISE', false, 0, 1095),
    reason('E_TRAINING', false, 0, 40),
    reason('TITLE_INTERMEDIATE', true, 'intermediate', 'intermediate'),
    reason('YEARS_INTERMEDIATE', true, 6, 5),
    reason('TITLE_SENIOR', false, 'intermediate', 'associate_senior'),
    years,
  ],
});

const skillHave = (q: Qualification) =>
  levelChecklist(q, t, label)[0].items[1].children?.find((i) => i.key === 'E_SKILL')?.have;

describe('level checklist: a held skill certificate outside the field (real payload)', () => {
  it('says it is held and which category is missing, in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    const certificate = skillHave(teacher(outOfField('certificate_category_unstated', '46', null)));
    expect(certificate).not.toContain('未持有');
    expect(certificate).toBe('持有证书，未计入（证书未填写专业大类）');
    const own = skillHave(teacher(outOfField('teacher_category_unstated', null, '46')));
    expect(own).toBe('持有证书，未计入（教师未填写专业大类）');
    const mismatch = skillHave(teacher(outOfField('field_mismatch', '51', '46')));
    expect(mismatch).toBe('持有证书，未计入（证书的专业大类 46 装备制造 与教师的 51 电子与信息 不符）');
  });

  it('says the same in English', async () => {
    await i18n.changeLanguage('en');
    try {
      expect(skillHave(teacher(outOfField('certificate_category_unstated', '46', null)))).toBe(
        "Holds one, not counted (the certificate's field category is not stated)",
      );
      expect(skillHave(teacher(outOfField('teacher_category_unstated', null, '46')))).toBe(
        "Holds one, not counted (the teacher's field category is not stated)",
      );
      expect(skillHave(teacher(outOfField('field_mismatch', '51', '46')))).toBe(
        "Holds one, not counted (the certificate's field category, 46 Equipment Manufacturing, is not the teacher's, 51 Electronics and Information)",
      );
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('still says 未持有 when nothing is held', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(skillHave(teacher(reason('E_SKILL', false, null, 'grade4')))).toBe('未持有');
  });
});

describe('level checklist: teaching years short by less than a year', () => {
  const senior = (yearsReason: QualificationReason, today: string) =>
    levelChecklist(teacher(reason('E_SKILL', true, 'grade3', 'grade4'), yearsReason), t, label, today)[2];
  const short = (changesOn: string) => reason('YEARS_SENIOR', false, 9, 10, { changes_on: changesOn });

  it('says 12 days, not a year, and the date it is met', async () => {
    await i18n.changeLanguage('zh-CN');
    const check = senior(short('2026-12-19'), '2026-12-07');
    expect(check.summary).toContain('任教还差 12 天（2026-12-19 起满足）');
    expect(check.summary).not.toContain('任教 1 年');
    await i18n.changeLanguage('en');
    try {
      expect(senior(short('2026-12-19'), '2026-12-07').summary).toContain('12 days of teaching to go (met from 2026-12-19)');
      expect(senior(short('2026-12-08'), '2026-12-07').summary).toContain('1 day of teaching to go (met from 2026-12-08)');
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('uses months under a year and years beyond, never more than is missing', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(senior(short('2027-03-07'), '2026-12-07').summary).toContain('任教还差 3 个月（2027-03-07 起满足）');
    expect(senior(short('2027-03-20'), '2026-12-07').summary).toContain('任教还差 3 个多月（2027-03-20 起满足）');
    const far = senior(reason('YEARS_SENIOR', false, 6, 10, { changes_on: '2030-09-01' }), '2026-12-07');
    expect(far.summary).toContain('任教还差 3 年多（2030-09-01 起满足）');
    await i18n.changeLanguage('en');
    try {
      expect(senior(short('2027-03-20'), '2026-12-07').summary).toContain('over 3 months of teaching to go');
      expect(senior(reason('YEARS_SENIOR', false, 6, 10, { changes_on: '2030-09-01' }), '2026-12-07').summary).toContain(
        'over 3 years of teaching to go (met from 2030-09-01)',
      );
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('does not round 365 days short of a whole year up to one', async () => {
    await i18n.changeLanguage('zh-CN');
    // 2027-03-01 → 2028-02-29 is 365 days but not yet a year.
    expect(senior(short('2028-02-29'), '2027-03-01').summary).toContain('任教还差 11 个多月（2028-02-29 起满足）');
    expect(senior(short('2028-03-01'), '2027-03-01').summary).toContain('任教还差 1 年（2028-03-01 起满足）');
  });

  it('keeps the whole-year count when the engine gives no date', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(senior(reason('YEARS_SENIOR', false, 6, 10), '2026-12-07').summary).toContain('任教 4 年');
  });
});
