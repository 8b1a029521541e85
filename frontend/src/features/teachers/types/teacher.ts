import type { components } from '@/types/api';

export type QualificationReason = {
  code: string;
  met: boolean;
  value: unknown;
  threshold: unknown;
  message: string;
  params?: Record<string, unknown>;
  /** The next date this rule's outcome flips by itself (when the engine knows it). */
  changes_on?: string | null;
  /** Why not met, when the value alone does not say (e.g. field_mismatch). */
  note?: string | null;
};

export type Qualification = {
  level: 'none' | 'junior' | 'intermediate' | 'senior';
  qualified: boolean;
  reasons: QualificationReason[];
  valid_until: string | null;
  /** The level from valid_until on (null when valid_until is null). */
  level_after?: 'none' | 'junior' | 'intermediate' | 'senior' | null;
  in_scope?: boolean;
  /** Evidence items for junior, and the extra items intermediate and senior ask for. */
  evidence_needed?: [number, number, number];
  practice_window_years?: number;
  /** DESIGN §4's recruitment check: null where it does not apply (hired before `since`, or
   *  out of scope), else whether it is met and the rule profile's terms. */
  recruitment?: {
    compliant: boolean;
    since: string;
    enterprise_days: number;
    min_education: string;
  } | null;
};

type Schemas = components['schemas'];

/** The API's teacher row (generated from /api/schema/), with the verdict typed. */
export type Teacher = Omit<Schemas['Teacher'], 'qualification' | 'left_on' | 'version' | 'birth_date'> & {
  left_on: string | null;
  version: number;
  qualification: Qualification | null;
  /** Null where the ID number reads masked; then only `birth_year` is shown (docs/security.md). */
  birth_date: string | null;
  birth_year?: number;
};

/** A row of the teachers list: the teacher, and the official recognition in force today
 * (DESIGN §8: the level held, null when none, and its last valid day), beside the verdict. */
export type TeacherListRow = Teacher &
  Pick<Schemas['TeacherList'], 'recognized_level' | 'recognized_valid_until'>;

export type TeacherInput = Partial<
  Omit<Teacher, 'id' | 'school_name' | 'qualification'>
>;

export type TeacherFilters = {
  page?: number;
  page_size?: number;
  search?: string;
  ordering?: string;
  school?: number;
  course_type?: string;
  employment?: string;
  gender?: string;
  education?: string;
  title?: string;
  normal_graduate?: boolean;
  active?: boolean;
  qualification_level?: string;
  /** New hires in scope who meet the recruitment check today, or not (DESIGN §4). */
  recruitment?: 'met' | 'not_met';
  /** Meets the conditions today at some level, or not. */
  qualified?: 'true' | 'false';
  /** Holds an official recognition in force today, or not (DESIGN §8). */
  recognized?: 'true' | 'false';
};

export type Certificate = Schemas['Certificate'];

/** An official recognition (DESIGN §8), shown beside the computed verdict. */
export type Recognition = Schemas['Recognition'];

export type EnterprisePeriod = Schemas['EnterprisePeriod'];

/** One dated value of a teacher field that the rules read (GET /teachers/{id}/facts/). */
export type TeacherFact = Schemas['TeacherFact'];

/** One entry of a teacher's change log (generated from /api/schema/): the teacher's own
 * changes and those of their certificates, periods, completions and recognition. */
export type TeacherHistoryEntry = Schemas['LogEntry'];
