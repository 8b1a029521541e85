import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';

import type { Qualification } from '../types/teacher';
import { levelChecklist, scopeWords, type EnumLabel } from './level-checklist';

const t = (key: string, params?: Record<string, unknown>) => i18n.t(key, params) as string;
const label: EnumLabel = (group, code) => (code ? (i18n.t(`enums.${group}.${code}`, { defaultValue: code }) as string) : '—');

const reason = (code: string, met: boolean, value: unknown, threshold: unknown, extra = {}) => ({
  code, met, value, threshold, message: `qualification.rule.${code.toLowerCase()}`, ...extra,
});

// A lecturer with 6 years of teaching, a teacher certificate, a grade-3 skill certificate and
// 84 days of enterprise practice: junior, not intermediate (practice is short).
const lecturer: Qualification = {
  level: 'junior',
  qualified: true,
  valid_until: '2028-06-30',
  evidence_needed: [1, 1, 2],
  practice_window_years: 5,
  reasons: [
    reason('SCOPE', true, 'full_time/professional/employed', 'full_time/professional|practical/employed'),
    reason('BASIC', true, 'higher_education', 'teacher_qualification'),
    reason('E_SKILL', true, 'grade3', 'grade4', { changes_on: '2028-06-30' }),
    reason('E_TITLE', false, null, 'intermediate'),
    reason('E_PRACTICE', false, 84, 180),
    reason('E_ENTERPRISE', false, 0, 1095),
    reason('E_TRAINING', false, 0, 40),
    reason('TITLE_INTERMEDIATE', true, 'intermediate', 'intermediate'),
    reason('YEARS_INTERMEDIATE', true, 6, 5),
    reason('TITLE_SENIOR', false, 'intermediate', 'associate_senior'),
    reason('YEARS_SENIOR', false, 6, 10, { changes_on: '2030-09-01' }),
  ],
};

describe('level checklist', () => {
  it('says in words, with units, what each level still needs', async () => {
    await i18n.changeLanguage('zh-CN');
    // Read on 2026-09-01: 6 years of teaching, 10 reached on 2030-09-01.
    const [junior, intermediate, senior] = levelChecklist(lecturer, t, label, '2026-09-01');
    expect(junior.met).toBe(true);
    expect(junior.summary).toBe('');
    expect(intermediate.met).toBe(false);
    expect(intermediate.summary).toBe('缺：企业实践 96 天');
    expect(senior.summary).toBe('缺：教学职称晋升至高级讲师/副教授；任教还差 4 年（2030-09-01 起满足）；企业实践 96 天；4 项佐证中的 1 项');
    const years = senior.items.find((i) => i.key === 'YEARS_SENIOR');
    expect(years?.changesOn).toBe('2030-09-01');
    expect(junior.items[1].label).toBe('以下 5 项佐证中至少 1 项');
    expect(senior.items[1].label).toBe('教学职称：高级讲师/副教授及以上');
    expect(senior.items[1].have).toBe('现为：讲师');
  });

  it('is written in English on the switch, with spaces', async () => {
    await i18n.changeLanguage('en');
    const [, intermediate] = levelChecklist(lecturer, t, label);
    expect(intermediate.summary).toBe('Still missing: 96 days of enterprise practice');
    await i18n.changeLanguage('zh-CN');
  });

  it("says a skill certificate outside the teacher's 专业大类 does not count, under that name", async () => {
    const mismatch = {
      ...lecturer,
      reasons: lecturer.reasons.map((r) =>
        r.code === 'E_SKILL' ? { ...r, met: false, note: 'field_mismatch' } : r,
      ),
    };
    const skill = (q: Qualification) => levelChecklist(q, t, label)[0].items[1].children?.find((i) => i.key === 'E_SKILL');
    await i18n.changeLanguage('zh-CN');
    expect(skill(mismatch)?.have).toMatch(/^持有：.*（与教师的专业大类不符）$/);
    await i18n.changeLanguage('en');
    expect(skill(mismatch)?.have).toMatch(/\(not in the teacher's field category\)$/);
    await i18n.changeLanguage('zh-CN');
  });

  it('names why a teacher is out of scope instead of a raw value', async () => {
    await i18n.changeLanguage('zh-CN');
    const partTime = {
      ...lecturer,
      reasons: [reason('SCOPE', false, 'part_time/public/employed', ''), ...lecturer.reasons.slice(1)],
    };
    expect(scopeWords(partTime, t, label)).toBe('兼职；公共基础课');
    expect(scopeWords(lecturer, t, label)).toBe('');
  });
});
