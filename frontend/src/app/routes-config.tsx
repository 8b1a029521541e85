import type { RouteObject } from 'react-router-dom';

import { AppLayout } from '@/components/layouts/app-layout';
import { Loading } from '@/components/ui/query-state';

type PageModule = { default: React.ComponentType };

/** A route's title in the header and the tab (a locale key): the page's own name, whoever
 * opens it and however (the menu is by role; an address reaches pages outside it). */
export type RouteTitle = { title: string };
const titled = (title: string): RouteTitle => ({ title });

/** Every page is its own chunk, so the first load carries only the shell. */
const page = (load: () => Promise<PageModule>) => async () => ({ Component: (await load()).default });

export const routes: RouteObject[] = [
  { path: '/login', lazy: page(() => import('./routes/login')), hydrateFallbackElement: <Loading /> },
  // Public: an enterprise or another school checks a recognition certificate (no login).
  { path: '/verify/:no', lazy: page(() => import('./routes/verify')), hydrateFallbackElement: <Loading /> },
  {
    element: <AppLayout />,
    // Shown while the first page's chunk loads.
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, lazy: page(() => import('./routes/home')) },
      { path: 'teachers', lazy: page(() => import('./routes/teachers')), handle: titled('nav.teachers') },
      { path: 'teachers/new', lazy: page(() => import('./routes/teacher-new')), handle: titled('teachers.new') },
      { path: 'teachers/:id', lazy: page(() => import('./routes/teacher')), handle: titled('nav.teachers') },
      { path: 'teachers/:id/edit', lazy: page(() => import('./routes/teacher-edit')), handle: titled('teachers.editTitle') },
      { path: 'dashboard', lazy: page(() => import('./routes/dashboard')), handle: titled('nav.dashboard') },
      { path: 'my-school', lazy: page(() => import('./routes/my-school')), handle: titled('nav.mySchool') },
      { path: 'schools', lazy: page(() => import('./routes/schools')), handle: titled('nav.schools') },
      { path: 'schools/:id', lazy: page(() => import('./routes/school')), handle: titled('nav.schools') },
      { path: 'imports', lazy: page(() => import('./routes/imports')), handle: titled('nav.imports') },
      { path: 'training', lazy: page(() => import('./routes/training')), handle: titled('nav.training') },
      { path: 'mentors', lazy: page(() => import('./routes/mentors')), handle: titled('nav.mentors') },
      { path: 'accounts', lazy: page(() => import('./routes/accounts')), handle: titled('nav.accounts') },
      { path: 'settings', lazy: page(() => import('./routes/settings')), handle: titled('nav.settings') },
      { path: 'notifications', lazy: page(() => import('./routes/notifications')), handle: titled('notifications.title') },
      { path: 'practice-duty', lazy: page(() => import('./routes/practice-duty')), handle: titled('nav.practiceDuty') },
      { path: 'jobs', lazy: page(() => import('./routes/jobs')), handle: titled('jobs.title') },
      { path: 'audit-log', lazy: page(() => import('./routes/audit-log')), handle: titled('nav.auditLog') },
      { path: 'me', lazy: page(() => import('./routes/me')), handle: titled('recognition.nav.me') },
      { path: 'password', lazy: page(() => import('./routes/password')), handle: titled('recognition.password.title') },
      { path: 'recognition', lazy: page(() => import('./routes/recognition')), handle: titled('recognition.nav.review') },
      { path: 'recognition/rounds', lazy: page(() => import('./routes/recognition-rounds')), handle: titled('recognition.nav.rounds') },
      { path: 'recognition/publicity', lazy: page(() => import('./routes/recognition-publicity')), handle: titled('recognition.nav.publicity') },
      { path: 'recognition/confirmations', lazy: page(() => import('./routes/recognition-confirmations')), handle: titled('recognition.nav.confirmations') },
      { path: 'recognition/certificates/:id', lazy: page(() => import('./routes/recognition-certificate')), handle: titled('recognition.sheet.title') },
      { path: '*', lazy: page(() => import('./routes/not-found')) },
    ],
  },
];
