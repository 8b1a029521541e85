import type { TFunction } from 'i18next';

import { formatDateTimeInChina } from '@/lib/dates';

/** Where each record's field names already have a label (the record's own screens). */
const FIELD_LABELS: Record<string, string> = {
  teacher: 'teachers.fields',
  certificate: 'certificates.fields',
  enterpriseperiod: 'periods.fields',
  trainingcompletion: 'training.fields',
  trainingprogram: 'training.fields',
  trainingbase: 'training.baseFields',
  mentor: 'mentors.fields',
  mentorappointment: 'mentors.fields',
  user: 'accounts.fields',
  // Last: its 学校代码, 学校名称 are no other record's code and name.
  school: 'schoolAdmin.fields',
};

type Exists = (key: string) => boolean;

/** A record type in words ("教师", "Teacher"); an unknown one as the API names it. */
export function modelLabel(t: TFunction, exists: Exists, model: string): string {
  const key = `audit.models.${model}`;
  return exists(key) ? t(key) : model;
}

/** A changed field in words: the record's own label, then the log's, else its name. */
export function fieldLabel(t: TFunction, exists: Exists, model: string, field: string): string {
  const own = FIELD_LABELS[model] ? `${FIELD_LABELS[model]}.${field}` : null;
  if (own && exists(own)) return t(own);
  if (exists(`audit.fields.${field}`)) return t(`audit.fields.${field}`);
  // A field another record shares (a school, a name, a gender): the first label found.
  const shared = [...new Set(Object.values(FIELD_LABELS))].map((group) => `${group}.${field}`).find(exists);
  return shared ? t(shared) : field;
}

/** Fields whose values are codes with words in the locale: `${model}.${field}` or `*.${field}`. */
const VALUE_WORDS: Record<string, string> = {
  '*.gender': 'enums.gender',
  '*.employment': 'enums.employment',
  '*.course_type': 'enums.courseType',
  '*.education': 'enums.education',
  '*.title': 'enums.title',
  '*.field_category': 'enums.fieldCategory',
  '*.qualification_level': 'enums.qualificationLevel',
  '*.role': 'enums.role',
  '*.host_kind': 'enums.hostKind',
  '*.designation': 'enums.designation',
  'certificate.kind': 'enums.certificateKind',
  'certificate.level': 'enums.certificateLevel',
  'enterpriseperiod.kind': 'enums.periodKind',
  'mentor.category': 'enums.mentorCategory',
  'mentorappointment.mode': 'enums.appointmentMode',
  'basestatuschange.status': 'enums.baseStatus',
  'trainingbase.status': 'enums.baseStatus',
  'trainingprogram.kind': 'enums.programKind',
  'application.status': 'recognition.status',
  'recognition.status': 'recognition.status',
  'application.level': 'recognition.level',
  'recognition.level': 'recognition.level',
};

/** The locale group that words a field's codes, if any. */
export function valueWords(model: string, field: string): string | undefined {
  return VALUE_WORDS[`${model}.${field}`] ?? VALUE_WORDS[`*.${field}`];
}

/** auditlog's text for an empty related list ("recognition.Vote.None"): nothing. */
const EMPTY_RELATION = /^\w+\.\w+\.None$/;

const LONG = 80;

/** A date and time as the log keeps it: auditlog's "2026-12-05 08:30:00.123456" (UTC, its zone
 * dropped), a batch's "…+00:00", an ISO "…T…Z". A plain date does not match. */
const MOMENT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/** A logged date and time as China's wall clock to the second (as the log's own times), or
 * undefined for any other value. */
export function momentText(value: string): string | undefined {
  const match = MOMENT.exec(value.trim());
  if (!match) return undefined;
  const [, day, time, zone] = match;
  return formatDateTimeInChina(`${day}T${time}${zone ?? 'Z'}`, true);
}

/** A before or after value as text: empty as "—", yes/no in words, a structure as short JSON
 * (the whole of it in `full`, for a tooltip). Masked ID numbers stay as the API sent them. */
export function valueText(t: TFunction, value: unknown, words?: string): { text: string; full?: string } {
  if (value === null || value === undefined || value === '' || value === 'None') return { text: '—' };
  if (typeof value === 'string' && EMPTY_RELATION.test(value)) return { text: '—' };
  if (words && typeof value === 'string') return { text: t(`${words}.${value}`, { defaultValue: value }) };
  if (value === true || value === 'True') return { text: t('common.yes') };
  if (value === false || value === 'False') return { text: t('common.no') };
  const moment = typeof value === 'string' ? momentText(value) : undefined;
  if (moment) return { text: moment };
  const full = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  return full.length > LONG ? { text: `${full.slice(0, LONG)}…`, full } : { text: full };
}

/** A JSON object or list (as auditlog keeps it, a string) laid out for reading; undefined
 * for any other value. */
export function jsonText(value: unknown): string | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    if (!/^\s*[[{]/.test(value)) return undefined;
    try {
      parsed = JSON.parse(value);
    } catch {
      return value;
    }
  }
  return parsed !== null && typeof parsed === 'object' ? JSON.stringify(parsed, null, 2) : undefined;
}
