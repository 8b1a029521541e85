export type TargetCode = 'dual_qualified_ratio' | 'training_bases';

export type Target = {
  code: TargetCode;
  /** A decimal string from the API ("0.6000", "20.0000"). */
  value: string;
  deadline: string | null;
  deadline_passed: boolean;
  /** Where the province stands now: the ratio, or the active bases. */
  current: number | null;
  updated_by: string | null;
  updated_at: string | null;
  version: number;
};

export type RuleValues = Record<string, string | number>;

export type CurrentProfile = { version: number; values: RuleValues };

export type SavedProfile = {
  version: number;
  values: RuleValues;
  note: string;
  created_by: string | null;
  created_at: string;
};

type PreviewSide = { qualified: number; in_scope: number; meets_target: boolean | null };

/** What new thresholds (and/or a new ratio target) would change; the server stores nothing. */
export type ProfilePreview = {
  as_of: string;
  schools: number;
  meeting_target_now: number;
  meeting_target_after: number;
  newly_meeting: number;
  newly_below: number;
  province_ratio_now: number | null;
  province_ratio_after: number | null;
  qualified_now: number;
  qualified_after: number;
  changed_schools: { id: number; code: string; name: string; before: PreviewSide; after: PreviewSide }[];
};
