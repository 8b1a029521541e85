import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

import { useEnumOptions } from '@/components/ui/enum-label';
import { cityLabel, useCities } from '@/lib/reference-data';

type Scope = { city?: number; kind?: string };

/** The city and school-kind pickers that narrow a ratio page; a city user's city is fixed. */
export function ScopeFilters({
  city,
  kind,
  cityLocked,
  onChange,
}: Scope & { cityLocked: boolean; onChange: (changes: Scope) => void }) {
  const { t, i18n } = useTranslation();
  const cities = useCities();
  const kindOptions = useEnumOptions('schoolKind');
  const language = i18n.resolvedLanguage ?? 'zh-CN';
  return (
    <>
      <Select
        aria-label={t('dashboard.cityFilter')}
        // Twelve cities: all of them rendered (no virtual list), so any can be picked at once.
        virtual={false}
        style={{ width: 150 }}
        disabled={cityLocked}
        value={city ?? 0}
        onChange={(value) => onChange({ city: value || undefined })}
        options={[
          { value: 0, label: t('dashboard.allCities') },
          ...(cities.data?.results ?? []).map((c) => ({ value: c.id, label: cityLabel(c, language) })),
        ]}
      />
      <Select
        aria-label={t('dashboard.kindFilter')}
        style={{ width: 170 }}
        value={kind ?? ''}
        onChange={(value) => onChange({ kind: value || undefined })}
        options={[{ value: '', label: t('dashboard.allKinds') }, ...kindOptions]}
      />
    </>
  );
}
