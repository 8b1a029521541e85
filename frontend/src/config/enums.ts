// Codes from DESIGN.md §3; labels live in the locale files under `enums.<group>.<code>`.
export const enums = {
  role: ['province', 'city', 'school_hr', 'base_staff', 'teacher', 'expert'],
  schoolKind: [
    'higher_vocational',
    'secondary_vocational',
    'technician_college',
    'senior_technical_school',
    'technical_school',
  ],
  gender: ['male', 'female'],
  employment: ['full_time', 'part_time'],
  courseType: ['professional', 'practical', 'public'],
  education: ['secondary', 'higher_vocational', 'bachelor', 'master', 'doctor'],
  title: ['none', 'junior', 'intermediate', 'associate_senior', 'senior'],
  certificateKind: [
    'teacher_qualification',
    'skill_level',
    'vocational_qualification',
    'one_plus_x',
    'professional_title',
  ],
  periodKind: ['employment', 'practice'],
  qualificationLevel: ['none', 'junior', 'intermediate', 'senior'],
  mentorCategory: ['engineer', 'high_skill', 'manager', 'craftsman'],
  appointmentMode: ['teaching', 'research', 'project'],
  hostKind: ['enterprise', 'school'],
  designation: ['dual_qualified', 'integrated'],
  baseStatus: ['planned', 'active', 'suspended'],
  programKind: ['enterprise_practice', 'skill_training', 'pedagogy'],
  importKind: [
    'teachers',
    'certificates',
    'enterprise-periods',
    'mentor-appointments',
    'training-completions',
    'teaching-hours',
  ],
} as const;

export type EnumGroup = keyof typeof enums;

const gradeLevels = ['grade5', 'grade4', 'grade3', 'grade2', 'grade1'] as const;

/** Certificate levels allowed for each kind, lowest first. */
export const certificateLevels: Record<string, readonly string[]> = {
  teacher_qualification: [
    'secondary_vocational',
    'secondary_vocational_practical',
    'higher_education',
    'other',
  ],
  skill_level: gradeLevels,
  vocational_qualification: gradeLevels,
  one_plus_x: ['junior', 'intermediate', 'senior'],
  professional_title: ['junior', 'intermediate', 'associate_senior', 'senior'],
};

/** 技工院校: their dual-qualified teachers are called 一体化教师. */
export const technicalKinds = new Set([
  'technician_college',
  'senior_technical_school',
  'technical_school',
]);
