import type { RouteObject } from 'react-router-dom';

import { AppLayout } from '@/components/layouts/app-layout';
import { Loading } from '@/components/ui/query-state';

type PageModule = { default: React.ComponentType };

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
      { path: 'teachers', lazy: page(() => import('./routes/teachers')) },
      { path: 'teachers/new', lazy: page(() => import('./routes/teacher-new')) },
      { path: 'teachers/:id', lazy: page(() => import('./routes/teacher')) },
      { path: 'teachers/:id/edit', lazy: page(() => import('./routes/teacher-edit')) },
      { path: 'dashboard', lazy: page(() => import('./routes/dashboard')) },
      { path: 'my-school', lazy: page(() => import('./routes/my-school')) },
      { path: 'schools', lazy: page(() => import('./routes/schools')) },
      { path: 'schools/:id', lazy: page(() => import('./routes/school')) },
      { path: 'imports', lazy: page(() => import('./routes/imports')) },
      { path: 'training', lazy: page(() => import('./routes/training')) },
      { path: 'mentors', lazy: page(() => import('./routes/mentors')) },
      { path: 'accounts', lazy: page(() => import('./routes/accounts')) },
      { path: 'settings', lazy: page(() => import('./routes/settings')) },
      { path: 'notifications', lazy: page(() => import('./routes/notifications')) },
      { path: 'practice-duty', lazy: page(() => import('./routes/practice-duty')) },
      { path: 'jobs', lazy: page(() => import('./routes/jobs')) },
      { path: 'audit-log', lazy: page(() => import('./routes/audit-log')) },
      { path: 'me', lazy: page(() => import('./routes/me')) },
      { path: 'password', lazy: page(() => import('./routes/password')) },
      { path: 'recognition', lazy: page(() => import('./routes/recognition')) },
      { path: 'recognition/rounds', lazy: page(() => import('./routes/recognition-rounds')) },
      { path: 'recognition/publicity', lazy: page(() => import('./routes/recognition-publicity')) },
      { path: 'recognition/confirmations', lazy: page(() => import('./routes/recognition-confirmations')) },
      { path: 'recognition/certificates/:id', lazy: page(() => import('./routes/recognition-certificate')) },
      { path: '*', lazy: page(() => import('./routes/not-found')) },
    ],
  },
];
