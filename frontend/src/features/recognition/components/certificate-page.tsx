import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorState, Loading } from '@/components/ui/query-state';
import { formatDate } from '@/lib/format';

import { useRecognition } from '../api/records';
import { LevelText } from './status-tag';

/** A printable A4 recognition certificate with a QR code for the public verification page. */
export function CertificatePage({ id }: { id: number }) {
  const { t } = useTranslation();
  const recognition = useRecognition(id);
  const [qr, setQr] = useState<string>('');
  const no = recognition.data?.certificate_no;
  useEffect(() => {
    if (!no) return;
    const url = `${window.location.origin}/verify/${encodeURIComponent(no)}`;
    void QRCode.toDataURL(url, { margin: 1, width: 240 }).then(setQr);
  }, [no]);

  if (recognition.isPending) return <Loading />;
  if (recognition.isError) return <ErrorState error={recognition.error} />;
  const r = recognition.data;
  return (
    <div>
      <style>{`@media print { .no-print, .ant-layout-sider, .ant-layout-header { display: none !important; } .ant-layout-content { padding: 0 !important; margin: 0 !important; } @page { size: A4; margin: 0; } }`}</style>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Button icon={<PrinterOutlined />} type="primary" onClick={() => window.print()} data-testid="print">
          {t('recognition.print')}
        </Button>
      </Space>
      <div
        data-testid="certificate-sheet"
        style={{
          width: '210mm',
          minHeight: '297mm',
          maxWidth: '100%',
          margin: '0 auto',
          background: '#fff',
          border: '12px double #b8860b',
          padding: '28mm 20mm',
          boxSizing: 'border-box',
          textAlign: 'center',
          fontFamily: '"Songti SC", "SimSun", serif',
        }}
      >
        <div style={{ fontSize: 36, letterSpacing: 8, fontWeight: 700, color: '#a0141e' }}>
          {t('recognition.sheet.title')}
        </div>
        <div style={{ marginTop: 8, color: '#666' }}>{t('recognition.sheet.subtitle')}</div>
        <div style={{ fontSize: 20, lineHeight: 2.2, margin: '24mm 0 12mm', textAlign: 'left' }}>
          {t('recognition.sheet.body', {
            name: r.teacher_name,
            school: r.school_name,
            round: r.round_name,
            level: t(`recognition.level.${r.level}`),
          })}
        </div>
        <div style={{ textAlign: 'left', fontSize: 16, lineHeight: 2 }}>
          <div>
            {t('common.labelled', { label: t('recognition.certificateNo'), value: '' })}
            <b data-testid="certificate-no">{r.certificate_no}</b>
          </div>
          <div>
            {t('common.labelled', { label: t('recognition.levelLabel'), value: '' })}
            <LevelText level={r.level} />
          </div>
          <div>
            {t('common.labelled', {
              label: t('recognition.validity'),
              value: `${formatDate(r.recognized_on)} — ${formatDate(r.valid_until)}`,
            })}
          </div>
        </div>
        <div style={{ marginTop: '20mm', display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end' }}>
          <div style={{ textAlign: 'center' }}>
            {qr && <img src={qr} alt={t('recognition.sheet.qr')} width={120} height={120} data-testid="certificate-qr" />}
            <div style={{ fontSize: 12, color: '#666' }}>{t('recognition.sheet.scan')}</div>
          </div>
          <div style={{ fontSize: 18 }}>
            <div>{t('recognition.sheet.issuer')}</div>
            <div>{formatDate(r.recognized_on)}</div>
          </div>
        </div>
      </div>
    </div>
  );
}
