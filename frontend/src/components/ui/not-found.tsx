import { Result } from 'antd';
import { LinkButton } from '@/components/ui/link-button';
import { useTranslation } from 'react-i18next';

export function NotFound({ forbidden = false }: { forbidden?: boolean }) {
  const { t } = useTranslation();
  return (
    <Result
      status={forbidden ? '403' : '404'}
      title={forbidden ? '403' : '404'}
      subTitle={forbidden ? t('common.forbidden') : t('common.notFoundHint')}
      extra={
        <LinkButton to="/" type="primary">{t('common.backHome')}</LinkButton>
      }
    />
  );
}
