import { markSignedIn, type Me } from '@/lib/auth';

import { certificates, makeTeachers, periods, users, type MockTeacher } from './data';

/** Mutable state the handlers read and write; `resetDb()` runs before each test. */
export const db = {
  me: null as Me | null,
  teachers: [] as MockTeacher[],
  certificates: [] as typeof certificates,
  periods: [] as typeof periods,
};

export function resetDb() {
  db.me = null;
  db.teachers = makeTeachers();
  db.certificates = structuredClone(certificates);
  db.periods = structuredClone(periods);
}

export function loginAs(username: keyof typeof users) {
  db.me = users[username];
  markSignedIn(true);
}
