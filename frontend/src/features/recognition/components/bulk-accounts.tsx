import { TeamOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { LinkButton } from '@/components/ui/link-button';
import { paths } from '@/config/paths';

/** Where school HR open teacher accounts: in the teacher list, by selecting rows (one flow,
 * with search, filters and every page, instead of a second picker here). */
export function BulkAccountsCard() {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('recognition.account.bulkTitle')}
      extra={
        <LinkButton to={paths.teachers} size="small" icon={<TeamOutlined />}>
          {t('recognition.account.bulkGo')}
        </LinkButton>
      }
    >
      <Typography.Text type="secondary">{t('recognition.account.bulkHint')}</Typography.Text>
    </Card>
  );
}
