import {
  AuditOutlined,
  ApartmentOutlined,
  CheckSquareOutlined,
  FileSearchOutlined,
  FlagOutlined,
  IdcardOutlined,
  NotificationOutlined,
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
  { key: 'me', path: paths.me, icon: <IdcardOutlined />, label: 'recognition.nav.me', roles: ['teacher'] },
  { key: 'recognition', path: paths.recognition, icon: <AuditOutlined />, label: 'recognition.nav.review', roles: ['province', 'city', 'school_hr', 'expert'] },
  { key: 'recognitionRounds', path: paths.recognitionRounds, icon: <FlagOutlined />, label: 'recognition.nav.rounds', roles: ['province'] },
  { key: 'confirmations', path: paths.confirmations, icon: <CheckSquareOutlined />, label: 'recognition.nav.confirmations', roles: ['school_hr'] },
  { key: 'publicity', path: paths.publicity, icon: <NotificationOutlined />, label: 'recognition.nav.publicity', roles: ['province', 'city', 'school_hr', 'base_staff', 'teacher', 'expert'] },
  { key: 'accounts', path: paths.accounts, icon: <UserOutlined />, label: 'nav.accounts', roles: ['province'] },
  { key: 'settings', path: paths.settings, icon: <SettingOutlined />, label: 'nav.settings', roles: ['province'] },
  { key: 'auditLog', path: paths.auditLog, icon: <FileSearchOutlined />, label: 'nav.auditLog', roles: ['province'] },
];

export function navItemsFor(role: Role) {
  return navItems.filter((item) => item.roles.includes(role));
}
