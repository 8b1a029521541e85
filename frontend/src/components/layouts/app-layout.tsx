import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useMatches, useNavigate } from 'react-router-dom';

import { LanguageSwitch } from '@/components/ui/language-switch';
import { Loading } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { useLogout, useMe, type Me } from '@/lib/auth';
import { useIsPhone } from '@/lib/breakpoints';
import { cityTitle, useCities } from '@/lib/reference-data';

import { headerWidgets } from './header-widgets';
import { navItemsFor, type NavItem } from './nav-items';

export { navItemsFor } from './nav-items';

/** The title the matched route names (routes-config's `handle`), the deepest one that does. */
function useRouteTitle(): string | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i -= 1) {
    const handle = matches[i].handle as { title?: string } | undefined;
    if (handle?.title) return handle.title;
  }
  return undefined;
}

/** A city user's city as a title in the screen's language ("南昌市", "Nanchang"); undefined
 * for every other user. Only a city user needs the cities' names (Chinese and English). */
function useCityTitle(me: Me | null | undefined): string | undefined {
  const { i18n } = useTranslation();
  const cities = useCities(me?.role === 'city');
  if (!me || me.role !== 'city' || !me.city_name) return undefined;
  const city = cities.data?.results.find((c) => c.id === me.city) ?? { name: me.city_name, name_en: '' };
  return cityTitle(city, i18n.resolvedLanguage ?? 'zh-CN');
}

/** The overview's name: a city user's names the city ("南昌市概览"), not the province. */
export function useDashboardLabel(): string {
  const { t } = useTranslation();
  const cityName = useCityTitle(useMe().data);
  return cityName ? t('nav.cityDashboard', { city: cityName }) : t('nav.dashboard');
}

/**
 * The signed-in shell (Ant Design Pro style): a sidebar by role on desktop, a menu drawer on a
 * phone; the header carries the header widgets, the language switch and a user dropdown.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const logout = useLogout();
  const cityName = useCityTitle(me.data);
  const dashboardLabel = useDashboardLabel();
  const navLabel = (item: NavItem) => (item.key === 'dashboard' ? dashboardLabel : t(item.label));
  const isPhone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items = me.data ? navItemsFor(me.data.role) : [];
  // The longest matching path wins (/recognition/rounds over /recognition).
  const selected = items
    .filter((item) => location.pathname === item.path || location.pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  // The route's own title (an expert opening /recognition/rounds by its address reads 认定批次,
  // not the menu's nearest entry); the overview's names a city user's city.
  const routeTitle = useRouteTitle();
  const pageTitle =
    routeTitle === 'nav.dashboard' ? dashboardLabel : routeTitle ? t(routeTitle) : '';
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · ${t('app.title')}` : t('app.title');
  }, [pageTitle, t]);

  if (me.isPending) return <Loading />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={paths.login} replace state={{ from: next }} />;
  }
  const user = me.data;
  // A first login changes the initial password before anything else (DESIGN §8).
  if (user.must_change_password && location.pathname !== paths.password) {
    return <Navigate to={paths.password} replace />;
  }
  // A city user's city in the screen's language (the API's city_name is Chinese).
  const scope = user.school_name ?? user.training_base_name ?? cityName ?? user.city_name;
  const doLogout = () =>
    logout.mutate(undefined, { onSettled: () => navigate(paths.login, { replace: true }) });

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected.key] : []}
      style={{ borderInlineEnd: 'none' }}
      onClick={() => setDrawerOpen(false)}
      items={items.map((item) => ({
        key: item.key,
        icon: item.icon,
        label: <Link to={item.path}>{navLabel(item)}</Link>,
      }))}
    />
  );
  const brand = (
    // The English name is long: let it wrap rather than cut it off.
    <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16, lineHeight: 1.35 }}>
      <Link to={paths.home}>{t('app.title')}</Link>
    </div>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Layout.Sider theme="light" width={208} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          {brand}
          {menu}
        </Layout.Sider>
      )}
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          styles={{ body: { padding: 0 } }}
          title={t('app.title')}
          data-testid="nav-drawer"
        >
          {menu}
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: isPhone ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {isPhone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.openMenu')}
              data-testid="nav-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Typography.Text
            strong
            ellipsis
            style={{ flex: 1, minWidth: 0, fontSize: isPhone ? 16 : 15 }}
            data-testid="page-title"
          >
            {isPhone ? pageTitle || t('app.title') : pageTitle}
          </Typography.Text>
          <Space size={isPhone ? 'small' : 'middle'} style={{ flexShrink: 0 }}>
            {/* Until the initial password is changed the API answers nothing else (403
                password_change_required): no bell or jobs button polling it meanwhile. */}
            {!user.must_change_password &&
              headerWidgets.map(({ key, Component }) => <Component key={key} />)}
            {!isPhone && <LanguageSwitch />}
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'who',
                    disabled: true,
                    label: (
                      <div data-testid="user-menu-scope">
                        <div>{t(`roles.${user.role}`)}</div>
                        {scope && <div style={{ fontSize: 12 }}>{scope}</div>}
                      </div>
                    ),
                  },
                  ...(isPhone
                    ? [{ key: 'lang', label: <LanguageSwitch />, disabled: false }]
                    : []),
                  { type: 'divider' as const },
                  // Every role changes its own password here (the first change is forced).
                  {
                    key: 'password',
                    icon: <KeyOutlined />,
                    label: <span data-testid="user-menu-password">{t('auth.changePassword')}</span>,
                    onClick: () => navigate(paths.password),
                  },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: t('auth.logout'),
                    onClick: doLogout,
                  },
                ],
              }}
            >
              <Button type="text" data-testid="user-menu" style={{ paddingInline: 4 }}>
                <Space size={6}>
                  <Avatar size="small" icon={<UserOutlined />} />
                  {!isPhone && (
                    <span data-testid="current-user">
                      {user.full_name || user.username} · {t(`roles.${user.role}`)}
                      {scope ? ` · ${scope}` : ''}
                    </span>
                  )}
                  <DownOutlined style={{ fontSize: 10 }} />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: isPhone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
