export type TrainingBase = {
  id: number;
  code: string;
  name: string;
  host_name: string;
  host_kind: 'enterprise' | 'school';
  city: number;
  city_name: string;
  designation: 'dual_qualified' | 'integrated';
  approved_on: string | null;
  status: 'planned' | 'active' | 'suspended';
  version: number;
};

export type TrainingProgram = {
  id: number;
  base: number;
  base_name: string;
  title: string;
  kind: 'enterprise_practice' | 'skill_training' | 'pedagogy';
  hours: number;
  start_on: string;
  end_on: string;
  version: number;
};

export type TrainingCompletion = {
  id: number;
  program: number;
  program_title: string;
  base: number;
  base_name: string;
  teacher: number;
  teacher_name: string;
  school: number;
  school_name: string;
  completed_on: string;
  hours: number;
  passed: boolean;
  certificate_no: string;
  version: number;
};

/** What an exact ID-number lookup reveals about a teacher: nothing more. */
export type TeacherMatch = { id: number; name: string; school_name: string };

export type BaseStats = {
  base: { id: number; code: string; name: string; status: string; city: string };
  programs: number;
  programs_run: number;
  completions: number;
  teachers_trained: number;
  passed: number;
  pass_rate: number | null;
  qualified_through: number;
};

export type Split = { total: number; active: number };

export type BasesProgress = {
  as_of: string;
  target: { count: number; deadline: string | null; deadline_passed: boolean; days_left: number | null };
  total: number;
  active: number;
  active_on_time: number;
  remaining: number;
  met: boolean;
  missed: boolean;
  by_status: Record<string, number>;
  by_designation: Record<string, Split>;
  by_host_kind: Record<string, Split>;
  by_city: {
    city: { id: number; code: string; name: string };
    total: number;
    planned: number;
    active: number;
    suspended: number;
  }[];
};

export type ListParams = {
  page?: number;
  page_size?: number;
  search?: string;
  ordering?: string;
};
