import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';

import { normaliseLanguage } from '@/lib/i18n';

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <Segmented
      size="small"
      aria-label={t('common.language')}
      value={normaliseLanguage(i18n.resolvedLanguage ?? i18n.language)}
      onChange={(value) => void i18n.changeLanguage(String(value))}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
