import type { Role } from '@/lib/auth';

export type Account = {
  id: number;
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  role: Role;
  city: number | null;
  school: number | null;
  training_base: number | null;
  is_active: boolean;
  last_login: string | null;
};

export type AccountInput = Partial<Omit<Account, 'id' | 'last_login'>> & { password?: string };

export type AccountParams = {
  page?: number;
  page_size?: number;
  search?: string;
  ordering?: string;
  role?: string;
  is_active?: boolean;
};

/** The scope field each role needs (DESIGN §2); the others must be empty. */
export const scopeFieldOf: Record<Role, 'city' | 'school' | 'training_base' | null> = {
  province: null,
  city: 'city',
  school_hr: 'school',
  base_staff: 'training_base',
  // Teacher accounts are made from the teacher list (the teacher is their scope); an
  // expert's own school is optional.
  teacher: null,
  expert: null,
};
