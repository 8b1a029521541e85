import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';
import { cityTitle, useCities } from '@/lib/reference-data';

/** The dashboard's scope as its cards' titles begin: "九江市 · 技工学校", or "全省". */
export function useScopeName(city?: number, kind?: string): string {
  const { t, i18n } = useTranslation();
  const label = useEnumLabel();
  const cities = useCities();
  const language = i18n.resolvedLanguage ?? 'zh-CN';
  const c = city ? cities.data?.results.find((x) => x.id === city) : undefined;
  return [c ? cityTitle(c, language) : '', kind ? label('schoolKind', kind) : ''].filter(Boolean).join(' · ') || t('dashboard.province');
}
