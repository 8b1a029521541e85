import { Card, Descriptions, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatDate } from '@/lib/format';
import { ApiError } from '@/lib/api-client';

import { useVerify } from '../api/verify';
import { LevelText, StatusTag } from './status-tag';

/** Public verification of a recognition certificate (the QR code opens this page). */
export function VerifyPage({ certificateNo }: { certificateNo: string }) {
  const { t } = useTranslation();
  const verify = useVerify(certificateNo);
  return (
    <div style={{ maxWidth: 560, margin: '24px auto', padding: '0 12px' }}>
      <Card title={t('recognition.verify.title')}>
        {verify.isPending && <Spin />}
        {verify.isError && (
          <Result
            status="warning"
            title={
              verify.error instanceof ApiError && verify.error.status === 429
                ? t('recognition.verify.tooMany')
                : t('recognition.verify.unknown', { no: certificateNo })
            }
          />
        )}
        {verify.data && (
          <Descriptions column={1} bordered size="small" data-testid="verify-result">
            <Descriptions.Item label={t('recognition.certificateNo')}>{verify.data.certificate_no}</Descriptions.Item>
            <Descriptions.Item label={t('recognition.name')}>{verify.data.name}</Descriptions.Item>
            <Descriptions.Item label={t('recognition.school')}>{verify.data.school}</Descriptions.Item>
            <Descriptions.Item label={t('recognition.levelLabel')}>
              <LevelText level={verify.data.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('recognition.recognizedOn')}>{formatDate(verify.data.recognized_on)}</Descriptions.Item>
            <Descriptions.Item label={t('recognition.validUntil')}>{formatDate(verify.data.valid_until)}</Descriptions.Item>
            <Descriptions.Item label={t('recognition.statusLabel')}>
              <StatusTag status={verify.data.status} />
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </div>
  );
}
