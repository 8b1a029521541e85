import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';

import type { Qualification, QualificationReason } from '../types/teacher';
import { levelChecklist, type EnumLabel } from './level-checklist';

// Round 45 (QA): a skill certificate held but outside the teacher's field was named without
// its level. The teacher read now adds the certificate (kind, level, name) to the E_SKILL
// reason's params (qualification/api.py); a reply without them keeps the round-44 words.
const t = (key: string, params?: Record<string, unknown>) => i18n.t(key, params) as string;
const label: EnumLabel = (group, code) => (code ? (i18n.t(`enums.${group}.${code}`, { defaultValue: code }) as string) : '—');

const reason = (code: string, met: boolean, value: unknown, threshold: unknown, extra: Partial<QualificationReason> = {}): QualificationReason => ({
  code, met, value, threshold, message: `qualification.rule.${code.toLowerCase()}`, params: { value, threshold }, ...extra,
});

const outOfField = (why: string, teacher: string | null, certificate: string | null, named: Record<string, unknown> = {}) =>
  reason('E_SKILL', false, null, 'grade4', {
    note: why,
    params: { value: null, threshold: 'grade4', why, teacher_category: teacher, certificate_category: certificate, ...named },
  });

const electrician = { certificate_id: 7, certificate_kind: 'skill_level', certificate_level: 'grade3', certificate_name: '电工' };

const teacher = (skill: QualificationReason): Qualification => ({
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
    reason('YEARS_SENIOR', false, 6, 10),
  ],
});

const skillHave = (q: Qualification) =>
  levelChecklist(q, t, label)[0].items[1].children?.find((i) => i.key === 'E_SKILL')?.have;

describe('level checklist: the certificate held outside the field is named with its level', () => {
  it('in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(skillHave(teacher(outOfField('field_mismatch', '51', '46', electrician)))).toBe(
      '持有电工（三级/高级工）职业技能等级证书，未计入（证书的专业大类 46 装备制造 与教师的 51 电子与信息 不符）',
    );
    expect(skillHave(teacher(outOfField('certificate_category_unstated', '51', null, {
      certificate_kind: 'one_plus_x', certificate_level: 'intermediate', certificate_name: '',
    })))).toBe('持有“1+X”职业技能等级证书（中级），未计入（证书未填写专业大类）');
  });

  it('in English', async () => {
    await i18n.changeLanguage('en');
    try {
      expect(skillHave(teacher(outOfField('field_mismatch', '51', '46', electrician)))).toBe(
        "Holds the Vocational skill level certificate “电工” (Grade 3 / senior worker), not counted (the certificate's field category, 46 Equipment Manufacturing, is not the teacher's, 51 Electronics and Information)",
      );
      expect(skillHave(teacher(outOfField('teacher_category_unstated', null, '46', { ...electrician, certificate_name: null })))).toBe(
        "Holds a Vocational skill level certificate (Grade 3 / senior worker), not counted (the teacher's field category is not stated)",
      );
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('keeps the round-44 words for a reason that names no certificate', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(skillHave(teacher(outOfField('certificate_category_unstated', '46', null)))).toBe(
      '持有证书，未计入（证书未填写专业大类）',
    );
  });
});
