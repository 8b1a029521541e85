import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

import { paths } from '@/config/paths';
import { useMe } from '@/lib/auth';

import { useUnreadCount } from '../api/get-unread-count';

/** The header bell: the unread count; a click opens the notifications page. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const count = useUnreadCount(Boolean(me));
  if (!me) return null;
  const unread = count.data?.unread ?? 0;
  return (
    <Tooltip title={t('notifications.title')}>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button
          type="text"
          shape="circle"
          aria-label={t('notifications.bell', { count: unread })}
          data-testid="notification-bell"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          onClick={() => navigate(paths.notifications)}
        />
      </Badge>
    </Tooltip>
  );
}
