export type Levels = { junior: number; intermediate: number; senior: number };

export type RatioFigures = {
  in_scope: number;
  qualified: number;
  /** null when nobody is in scope: "no ratio", not 0%. */
  ratio: number | null;
  target: number;
  gap: number | null;
  meets_target: boolean;
  levels?: Levels;
  recruitment?: { checked: number; failed: number };
};

export type Staffing = {
  student_count: number;
  full_time: number;
  part_time: number;
  mentors: number;
  students_per_teacher: number | null;
  students_per_teacher_norm: number;
  students_per_teacher_ok: boolean;
  part_time_share: number | null;
  part_time_norm: number;
  part_time_ok: boolean;
};

export type SchoolRatio = RatioFigures & {
  school: { id: number; code: string; name: string; city: number; city_name?: string; kind: string };
  staffing?: Staffing;
  /** Officially recognized share (the recognition feature); absent until the API has it. */
  recognized_ratio?: number | null;
};

export type RatioSummary = {
  as_of: string;
  target: number;
  province: RatioFigures;
  by_city: (RatioFigures & { city: { id: number; code: string; name: string } })[];
  by_kind: (RatioFigures & { kind: string })[];
  schools: { total: number; meeting_target: number; without_teachers_in_scope: number };
};

export type TrendPoint = { month: string; in_scope: number; qualified: number; ratio: number | null; live?: boolean };

export type Trend = { scope: string; key: number; points: TrendPoint[] };

export type MissingItem = {
  code: string;
  quantity: number;
  unit: string;
  message: string;
  params: Record<string, unknown>;
  distance: number;
  one_of: boolean;
  needed: number;
};

export type Candidate = {
  teacher: { id: number; name: string; staff_no: string };
  level: string;
  distance: number | null;
  missing: MissingItem[];
};

export type BasesProgress = {
  as_of: string;
  target: { count: number; deadline: string | null; deadline_passed: boolean; days_left: number | null };
  total: number;
  active: number;
  active_on_time?: number;
  remaining: number;
  met: boolean;
  missed: boolean;
  by_status?: Record<string, number>;
  by_city?: { city: { id: number; name: string }; total: number; active: number }[];
};
