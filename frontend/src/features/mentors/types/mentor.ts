export type Mentor = {
  id: number;
  name: string;
  id_number: string;
  gender: 'male' | 'female';
  birth_date: string;
  age: number;
  enterprise: string;
  category: 'engineer' | 'high_skill' | 'manager' | 'craftsman';
  title: string;
  skills: string;
  version: number;
};

export type Appointment = {
  id: number;
  mentor: number;
  mentor_name: string;
  school: number;
  school_name: string;
  mode: 'teaching' | 'research' | 'project';
  start_on: string;
  end_on: string | null;
  hours: number;
  version: number;
};

/** What an exact ID-number lookup reveals about a mentor registered elsewhere. */
export type MentorMatch = { id: number; name: string; enterprise: string };

export type MentorCounts = {
  school: { id: number; code: string; name: string };
  as_of: string;
  mentors: number;
  by_mode: Record<string, number>;
  part_time_track: number;
};

export type ListParams = { page?: number; page_size?: number; search?: string; ordering?: string };
