import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { paths } from '@/config/paths';

/**
 * A certificate or period the teacher proposed: it counts in no rule until HR confirms it
 * (§3 record status), so the row says so, with the way to confirm it; a rejected one shows why.
 */
export function RecordStatus({
  status,
  reason,
  editable,
}: {
  status?: string | null;
  reason?: string | null;
  editable: boolean;
}) {
  const { t } = useTranslation();
  if (status !== 'pending' && status !== 'rejected') return null;
  return (
    <div>
      <Tag color={status === 'pending' ? 'gold' : 'red'} data-testid={`record-status-${status}`} title={t(`teachers.recordStatusHelp.${status}`)}>
        {t(`recognition.status.${status}`)}
      </Tag>
      {status === 'pending' && editable && <Link to={paths.confirmations}>{t('teachers.goConfirm')}</Link>}
      {status === 'rejected' && reason && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {reason}
        </Typography.Text>
      )}
    </div>
  );
}
