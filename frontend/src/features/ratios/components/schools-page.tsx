import { Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { useEnumOptions } from '@/components/ui/enum-label';
import { cityLabel, useCities } from '@/lib/reference-data';

import { SchoolRatiosTable } from './below-target-table';
import { ProvinceWorkbookButton } from './province-workbook-button';

export type SchoolsFilters = { city?: number; kind?: string; search?: string; as_of?: string };

/** Every school in the user's scope: search, filter, sort by ratio or gap, open one. */
export function SchoolsPage({
  city,
  kind,
  search,
  as_of,
  cityLocked = false,
  onChange,
}: SchoolsFilters & { cityLocked?: boolean; onChange: (changes: SchoolsFilters) => void }) {
  const { t, i18n } = useTranslation();
  const cities = useCities();
  const kindOptions = useEnumOptions('schoolKind');
  const language = i18n.resolvedLanguage ?? 'zh-CN';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.schools')}
      </Typography.Title>
      <Space wrap>
        <Input.Search
          allowClear
          aria-label={t('dashboard.schoolSearch')}
          placeholder={t('dashboard.schoolSearch')}
          defaultValue={search}
          style={{ width: 220 }}
          onSearch={(value) => onChange({ search: value.trim() || undefined })}
        />
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
        {!cityLocked && <ProvinceWorkbookButton />}
      </Space>
      <SchoolRatiosTable
        key={`${city}-${kind}-${search}`}
        city={city}
        kind={kind}
        search={search}
        asOf={as_of}
        pageSize={20}
        title={t('dashboard.allSchools')}
      />
    </Space>
  );
}
