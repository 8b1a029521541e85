import { Breadcrumb, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';

import { useDashboardLabel } from '@/components/layouts/app-layout';
import { NotFound } from '@/components/ui/not-found';
import { paths } from '@/config/paths';
import { SchoolDashboard } from '@/features/ratios/components/school-dashboard';
import { useMe } from '@/lib/auth';

export default function SchoolRoute() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const me = useMe().data;
  const dashboard = useDashboardLabel();
  if (!Number.isFinite(id)) return <NotFound />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {me?.role !== 'school_hr' && (
        <Breadcrumb items={[{ title: <Link to={paths.dashboard}>{dashboard}</Link> }, { title: <Link to={paths.schools}>{t('nav.schools')}</Link> }]} />
      )}
      <SchoolDashboard schoolId={id} />
    </Space>
  );
}
