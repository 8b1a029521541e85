export type QualificationReason = {
  code: string;
  met: boolean;
  value: unknown;
  threshold: unknown;
  message: string;
  params?: Record<string, unknown>;
};

export type Qualification = {
  level: 'none' | 'junior' | 'intermediate' | 'senior';
  qualified: boolean;
  reasons: QualificationReason[];
  valid_until: string | null;
};

export type Teacher = {
  id: number;
  school: number;
  school_name: string;
  staff_no: string;
  name: string;
  id_number: string;
  gender: 'male' | 'female';
  birth_date: string;
  employment: 'full_time' | 'part_time';
  course_type: 'professional' | 'practical' | 'public';
  major: string;
  education: string;
  normal_graduate: boolean;
  title: string;
  hired_on: string;
  teaching_since: string | null;
  left_on: string | null;
  version: number;
  qualification: Qualification | null;
};

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
};

export type Certificate = {
  id: number;
  teacher: number;
  kind: string;
  level: string;
  name: string;
  field: string;
  number: string;
  issuer: string;
  issued_on: string;
  expires_on: string | null;
  version: number;
};

export type EnterprisePeriod = {
  id: number;
  teacher: number;
  kind: 'employment' | 'practice';
  enterprise: string;
  credit_code: string;
  position: string;
  start_on: string;
  end_on: string | null;
  days: number;
  version: number;
};
