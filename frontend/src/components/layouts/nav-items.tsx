import {
  ApartmentOutlined,
  BankOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  ReadOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

import { paths } from '@/config/paths';
import type { Role } from '@/lib/auth';

/**
 * One sidebar entry. To add a page to the menu, append a line here (label is a locale key);
 * the layout shows it to the listed roles, in this order, on desktop and in the phone drawer.
 */
export type NavItem = { key: string; path: string; icon: ReactNode; label: string; roles: Role[] };

export const navItems: NavItem[] = [
  { key: 'dashboard', path: paths.dashboard, icon: <DashboardOutlined />, label: 'nav.dashboard', roles: ['province', 'city'] },
  { key: 'mySchool', path: paths.mySchool, icon: <BankOutlined />, label: 'nav.mySchool', roles: ['school_hr'] },
  { key: 'schools', path: paths.schools, icon: <ShopOutlined />, label: 'nav.schools', roles: ['province', 'city'] },
  { key: 'teachers', path: paths.teachers, icon: <TeamOutlined />, label: 'nav.teachers', roles: ['province', 'city', 'school_hr'] },
  { key: 'training', path: paths.training, icon: <ReadOutlined />, label: 'nav.training', roles: ['base_staff', 'province'] },
  { key: 'mentors', path: paths.mentors, icon: <ApartmentOutlined />, label: 'nav.mentors', roles: ['school_hr', 'province'] },
  { key: 'practiceDuty', path: paths.practiceDuty, icon: <CarryOutOutlined />, label: 'nav.practiceDuty', roles: ['province', 'city', 'school_hr'] },
  { key: 'imports', path: paths.imports, icon: <CloudUploadOutlined />, label: 'nav.imports', roles: ['school_hr', 'base_staff', 'province'] },
  { key: 'accounts', path: paths.accounts, icon: <UserOutlined />, label: 'nav.accounts', roles: ['province'] },
  { key: 'settings', path: paths.settings, icon: <SettingOutlined />, label: 'nav.settings', roles: ['province'] },
];

export function navItemsFor(role: Role) {
  return navItems.filter((item) => item.roles.includes(role));
}
