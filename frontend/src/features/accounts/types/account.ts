import type { components } from '@/types/api';

import type { Role } from '@/lib/auth';

type Schemas = components['schemas'];

/** The API's user row (generated from /api/schema/). */
export type Account = Schemas['User'];

export type AccountInput = Partial<Schemas['UserRequest']>;

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
