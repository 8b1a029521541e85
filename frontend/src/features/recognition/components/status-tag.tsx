import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  school_approved: 'cyan',
  publicized: 'gold',
  objected: 'volcano',
  recognized: 'green',
  rejected: 'red',
  withdrawn: 'default',
  returned: 'warning',
  pending: 'gold',
  confirmed: 'green',
  active: 'green',
  expired: 'default',
  revoked: 'red',
};

/** An application's, record's or recognition's status as a coloured tag. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid={`status-${status}`}>
      {t(`recognition.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function LevelText({ level }: { level: string | null | undefined }) {
  const { t } = useTranslation();
  return <>{level ? t(`recognition.level.${level}`, { defaultValue: level }) : '—'}</>;
}
