import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';

import { LanguageSwitch } from '@/components/ui/language-switch';
import { Loading } from '@/components/ui/query-state';
import { LoginForm } from '@/features/auth/components/login-form';
import { homePathFor, useMe, type Me } from '@/lib/auth';

export default function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const from = (location.state as { from?: string } | null)?.from;
  const target = (user: Me) => (from && from !== '/login' ? from : homePathFor(user));

  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to={target(me.data)} replace />;

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #e6f4ff 0%, #f0f5ff 100%)',
        padding: 16,
      }}
    >
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LanguageSwitch />
        </div>
        <Typography.Title level={3} style={{ marginTop: 8 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.subtitle')}</Typography.Paragraph>
        <LoginForm onSuccess={(user) => navigate(target(user), { replace: true })} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
          {t('auth.demoHint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
