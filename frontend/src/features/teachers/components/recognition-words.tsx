import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { useEnumLabel } from '@/components/ui/enum-label';
import { paths } from '@/config/paths';
import { formatDate } from '@/lib/format';

/** An official recognition (认定) in force, as it is shown beside the computed level (DESIGN §8):
 * its level, until when, and given one its certificate; with none in force, "无有效认定" (or
 * "—" where a table's column says what it is, `compact`). The teacher page's card and the
 * teachers list both show it so. */
export function RecognitionWords({
  level,
  validUntil,
  certificate,
  compact = false,
}: {
  level: string | null | undefined;
  validUntil?: string | null;
  certificate?: { id: number; no: string };
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  if (!level) {
    return (
      <Typography.Text type="secondary" data-testid="official-recognition">
        {compact ? '—' : t('checklist.officialNone')}
      </Typography.Text>
    );
  }
  return (
    <Space wrap size={compact ? 4 : 8} data-testid="official-recognition">
      <Tag color="green">{label('qualificationLevel', level)}</Tag>
      {validUntil && (
        <span style={{ whiteSpace: 'nowrap', fontSize: compact ? 12 : undefined }}>
          {t('checklist.officialValidUntil', { date: formatDate(validUntil) })}
        </span>
      )}
      {certificate && (
        <Link to={paths.recognitionCertificate(certificate.id)} style={{ whiteSpace: 'nowrap' }}>
          {certificate.no}
        </Link>
      )}
    </Space>
  );
}
