import {
  ApartmentOutlined,
  BankOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  LogoutOutlined,
  ReadOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';

import { LanguageSwitch } from '@/components/ui/language-switch';
import { Loading } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { useLogout, useMe, type Role } from '@/lib/auth';

type NavItem = { key: string; path: string; icon: ReactNode; label: string; roles: Role[] };

const navItems: NavItem[] = [
  { key: 'dashboard', path: paths.dashboard, icon: <DashboardOutlined />, label: 'nav.dashboard', roles: ['province', 'city'] },
  { key: 'mySchool', path: paths.mySchool, icon: <BankOutlined />, label: 'nav.mySchool', roles: ['school_hr'] },
  { key: 'teachers', path: paths.teachers, icon: <TeamOutlined />, label: 'nav.teachers', roles: ['province', 'city', 'school_hr'] },
  { key: 'training', path: paths.training, icon: <ReadOutlined />, label: 'nav.training', roles: ['base_staff', 'province'] },
  { key: 'mentors', path: paths.mentors, icon: <ApartmentOutlined />, label: 'nav.mentors', roles: ['school_hr', 'province'] },
  { key: 'imports', path: paths.imports, icon: <CloudUploadOutlined />, label: 'nav.imports', roles: ['school_hr', 'base_staff', 'province'] },
  { key: 'accounts', path: paths.accounts, icon: <UserOutlined />, label: 'nav.accounts', roles: ['province'] },
  { key: 'settings', path: paths.settings, icon: <SettingOutlined />, label: 'nav.settings', roles: ['province'] },
];

export function navItemsFor(role: Role) {
  return navItems.filter((item) => item.roles.includes(role));
}

/** The signed-in shell: sidebar by role, header with language switch and logout. */
export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const logout = useLogout();

  const items = me.data ? navItemsFor(me.data.role) : [];
  const selected = items.find(
    (item) => location.pathname === item.path || location.pathname.startsWith(`${item.path}/`),
  );
  const pageTitle = selected ? t(selected.label) : '';
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · ${t('app.title')}` : t('app.title');
  }, [pageTitle, t]);

  if (me.isPending) return <Loading />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={paths.login} replace state={{ from: next }} />;
  }

  const scope = me.data.school_name ?? me.data.training_base_name ?? me.data.city_name;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={208}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>
          <Link to={paths.home}>{t('app.title')}</Link>
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected.key] : []}
          items={items.map((item) => ({
            key: item.key,
            icon: item.icon,
            label: <Link to={item.path}>{t(item.label)}</Link>,
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            gap: 16,
          }}
        >
          <Space size="middle" wrap>
            <Typography.Text data-testid="current-user">
              {me.data.full_name || me.data.username} · {t(`roles.${me.data.role}`)}
              {scope ? ` · ${scope}` : ''}
            </Typography.Text>
            <LanguageSwitch />
            <Button
              icon={<LogoutOutlined />}
              loading={logout.isPending}
              onClick={() =>
                logout.mutate(undefined, { onSettled: () => navigate(paths.login, { replace: true }) })
              }
            >
              {t('auth.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
