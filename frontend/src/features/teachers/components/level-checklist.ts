// The 初级/中级/高级 checklist: the engine's rule outcomes regrouped by level and said in words.
// Pure functions over the API's qualification and a translator, so tests can check the text.
import dayjs from 'dayjs';

import { todayInChinaText } from '@/lib/dates';

import type { Qualification, QualificationReason } from '../types/teacher';
import { fieldCategoryLabel } from './field-categories';

export type Translate = (key: string, params?: Record<string, unknown>) => string;
export type EnumLabel = (group: 'title' | 'certificateLevel' | 'certificateKind' | 'employment' | 'courseType', code: string | null | undefined) => string;

export type CheckItem = {
  key: string;
  met: boolean;
  /** What is asked, with units: "近 5 年企业实践累计 180 天". */
  label: string;
  /** What the teacher has: "已有 84 天". */
  have: string;
  /** What is still missing, when not met: "企业实践 96 天". */
  lacks?: string;
  /** The date the outcome flips by itself (from the engine), when known. */
  changesOn?: string | null;
  /** Alternatives within a group ("any n of"). */
  children?: CheckItem[];
};

export type LevelCheck = {
  level: 'junior' | 'intermediate' | 'senior';
  met: boolean;
  items: CheckItem[];
  /** "缺：企业实践 96 天；5 项佐证中的 1 项" or "" when met. */
  summary: string;
};

const EVIDENCE = ['E_SKILL', 'E_TITLE', 'E_PRACTICE', 'E_ENTERPRISE', 'E_TRAINING'] as const;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v) || 0);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

function evidenceItem(r: QualificationReason, t: Translate, label: EnumLabel, windowYears: number): CheckItem {
  const base = { key: r.code, met: r.met, changesOn: r.changes_on ?? null };
  switch (r.code) {
    case 'E_SKILL': {
      const why = str(r.note) ?? str(r.params?.why);
      return {
        ...base,
        label: t('checklist.skill', { level: label('certificateLevel', str(r.threshold)) }),
        have: skillHave(r, why, t, label),
        lacks: t('checklist.lackSkill'),
      };
    }
    case 'E_TITLE':
      return {
        ...base,
        label: t('checklist.profTitle', { level: label('certificateLevel', str(r.threshold)) }),
        have: str(r.value) ? t('checklist.holds', { what: label('certificateLevel', str(r.value)) }) : t('checklist.noneHeld'),
        lacks: t('checklist.lackProfTitle'),
      };
    case 'E_PRACTICE': {
      const need = Math.max(num(r.threshold) - num(r.value), 0);
      return {
        ...base,
        label: t('checklist.practice', { years: windowYears, days: num(r.threshold) }),
        have: t('checklist.haveDays', { count: num(r.value) }),
        lacks: t('checklist.lackPractice', { count: need }),
      };
    }
    case 'E_ENTERPRISE': {
      const need = Math.max(num(r.threshold) - num(r.value), 0);
      return {
        ...base,
        label: t('checklist.enterprise', { days: num(r.threshold) }),
        have: t('checklist.haveDays', { count: num(r.value) }),
        lacks: t('checklist.lackEnterprise', { count: need }),
      };
    }
    default: // E_TRAINING
      return {
        ...base,
        label: t('checklist.training', { hours: num(r.threshold) }),
        have: num(r.value) ? t('checklist.haveHours', { count: num(r.value) }) : t('checklist.noTraining'),
        lacks: t('checklist.lackTraining', { hours: num(r.threshold) }),
      };
  }
}

/** What the teacher holds for E_SKILL. A certificate held outside the teacher's field comes
 * with `value: null` and a note saying why (engine `_field_note`): it is held, not counted. */
function skillHave(r: QualificationReason, why: string | null, t: Translate, label: EnumLabel): string {
  const reasonWords = why && !r.met ? fieldWhy(r, why, t) : '';
  if (str(r.value)) {
    const holds = t('checklist.holds', { what: label('certificateLevel', str(r.value)) });
    return reasonWords ? t('checklist.withWhy', { text: holds, why: reasonWords }) : holds;
  }
  if (!reasonWords) return t('checklist.noneHeld');
  const what = certificateWords(r, t, label);
  return what
    ? t('checklist.holdsNamedNotCounted', { what, why: reasonWords })
    : t('checklist.holdsNotCounted', { why: reasonWords });
}

/** "电工（三级/高级工）职业技能等级证书": the certificate a teacher read names beside the
 * note (round 45); '' when it names none (e.g. a reply from before it did). */
function certificateWords(r: QualificationReason, t: Translate, label: EnumLabel): string {
  const kind = str(r.params?.certificate_kind);
  const level = str(r.params?.certificate_level);
  if (!kind || !level) return '';
  const name = str(r.params?.certificate_name)?.trim();
  const words = { kind: label('certificateKind', kind), level: label('certificateLevel', level) };
  return name ? t('checklist.certificateNamed', { ...words, name }) : t('checklist.certificateUnnamed', words);
}

/** "（证书未填写专业大类）"; a mismatch names both categories when the API sends them. */
function fieldWhy(r: QualificationReason, why: string, t: Translate): string {
  const teacher = str(r.params?.teacher_category);
  const certificate = str(r.params?.certificate_category);
  const name = (code: string) => fieldCategoryLabel(code, t as Parameters<typeof fieldCategoryLabel>[1]);
  if (why === 'field_mismatch' && teacher && certificate) {
    return t('checklist.why.field_mismatch_named', { teacher: name(teacher), certificate: name(certificate) });
  }
  return t(`checklist.why.${why}`, { defaultValue: '' });
}

function basicItem(r: QualificationReason | undefined, t: Translate, label: EnumLabel): CheckItem {
  return {
    key: 'BASIC',
    met: !!r?.met,
    changesOn: r?.changes_on ?? null,
    label: t('checklist.basic'),
    have: str(r?.value) ? t('checklist.holds', { what: label('certificateLevel', str(r?.value)) }) : t('checklist.noneHeld'),
    lacks: t('checklist.lackBasic'),
  };
}

function titleItem(r: QualificationReason | undefined, t: Translate, label: EnumLabel): CheckItem {
  return {
    key: r?.code ?? 'TITLE',
    met: !!r?.met,
    changesOn: r?.changes_on ?? null,
    label: t('checklist.title', { title: label('title', str(r?.threshold)) }),
    have: t('checklist.now', { what: label('title', str(r?.value) ?? 'none') }),
    lacks: t('checklist.lackTitle', { title: label('title', str(r?.threshold)) }),
  };
}

/** "12 天" / "3 个多月" / "3 年多": the time from `from` to `to`, never more than it is. */
function timeLeft(from: string, to: string, t: Translate): string {
  const a = dayjs(from);
  const b = dayjs(to);
  const days = b.diff(a, 'day');
  if (days < 61) return t('checklist.left.days', { count: days });
  // By the calendar: 365 days from 1 March reach 29 February, not a whole year.
  const unit = b.diff(a, 'year') >= 1 ? 'year' : 'month';
  const count = b.diff(a, unit);
  const over = a.add(count, unit).isBefore(b, 'day');
  return t(`checklist.left.${unit}s${over ? 'Over' : ''}`, { count });
}

function yearsItem(r: QualificationReason | undefined, t: Translate, today: string): CheckItem {
  const need = Math.max(num(r?.threshold) - num(r?.value), 0);
  const on = r && !r.met ? str(r.changes_on) : null;
  // With the date it is met, say the time left (12 days short is not "1 year"); the whole-year
  // count is only for a teacher with no date (e.g. no teaching start).
  const lacks =
    on && on > today
      ? t('checklist.lackYearsUntil', { left: timeLeft(today, on, t), date: on })
      : t('checklist.lackYears', { count: need });
  return {
    key: r?.code ?? 'YEARS',
    met: !!r?.met,
    changesOn: r?.changes_on ?? null,
    label: t('checklist.years', { count: num(r?.threshold) }),
    have: t('checklist.haveYears', { count: num(r?.value) }),
    lacks,
  };
}

function groupItem(key: string, children: CheckItem[], needed: number, t: Translate, label: string): CheckItem {
  const have = children.filter((c) => c.met).length;
  return {
    key,
    met: have >= needed,
    label,
    have: t('checklist.haveItems', { count: have, total: children.length }),
    lacks: t('checklist.lackItems', { total: children.length, count: needed - have }),
    children,
  };
}

function summarise(items: CheckItem[], t: Translate): string {
  const lacking = items.filter((i) => !i.met).map((i) => i.lacks ?? i.label);
  return lacking.length ? t('checklist.missing', { items: lacking.join(t('checklist.separator')) }) : '';
}

/** Three levels, each with what is met and what is missing, in words with units. `today` (the
 * day the result is read, in China) measures the time left to a date an item is met. */
export function levelChecklist(
  q: Qualification,
  t: Translate,
  label: EnumLabel,
  today: string = todayInChinaText(),
): LevelCheck[] {
  const by = new Map(q.reasons.map((r) => [r.code, r]));
  const [juniorNeeded, intermediateExtra, seniorExtra] = q.evidence_needed ?? [1, 1, 2];
  const windowYears = q.practice_window_years ?? 5;
  const evidence = EVIDENCE.map((c) => by.get(c)).filter((r): r is QualificationReason => !!r);
  const items = evidence.map((r) => evidenceItem(r, t, label, windowYears));
  const practice = items.find((i) => i.key === 'E_PRACTICE');
  const others = items.filter((i) => i.key !== 'E_PRACTICE');
  const basic = basicItem(by.get('BASIC'), t, label);

  const level = (
    name: LevelCheck['level'],
    list: (CheckItem | undefined)[],
  ): LevelCheck => {
    const present = list.filter((i): i is CheckItem => !!i);
    return { level: name, met: present.every((i) => i.met), items: present, summary: summarise(present, t) };
  };
  const extra = (n: number) =>
    groupItem('EXTRA', others, n, t, t('checklist.extraGroup', { count: n, total: others.length }));

  return [
    level('junior', [
      basic,
      groupItem('EVIDENCE', items, juniorNeeded, t, t('checklist.evidenceGroup', { count: juniorNeeded, total: items.length })),
    ]),
    level('intermediate', [
      basic,
      titleItem(by.get('TITLE_INTERMEDIATE'), t, label),
      yearsItem(by.get('YEARS_INTERMEDIATE'), t, today),
      practice,
      extra(intermediateExtra),
    ]),
    level('senior', [
      basic,
      titleItem(by.get('TITLE_SENIOR'), t, label),
      yearsItem(by.get('YEARS_SENIOR'), t, today),
      practice,
      extra(seniorExtra),
    ]),
  ];
}

/** Why a teacher is out of scope, in words: "兼职、公共基础课". Empty when in scope. */
export function scopeWords(q: Qualification, t: Translate, label: EnumLabel): string {
  const r = q.reasons.find((x) => x.code === 'SCOPE');
  if (!r || r.met || typeof r.value !== 'string') return '';
  const [employment, course, employed] = r.value.split('/');
  const parts: string[] = [];
  if (employment && employment !== 'full_time') parts.push(label('employment', employment));
  if (course && !['professional', 'practical'].includes(course)) parts.push(label('courseType', course));
  if (employed === 'not_employed') parts.push(t('checklist.notEmployed'));
  return parts.join(t('checklist.separator'));
}
