import { Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';

import { SchoolRatiosTable } from './below-target-table';
import { ProvinceWorkbookButton } from './province-workbook-button';
import { ScopeFilters } from './scope-filters';

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
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          aria-label={t('dashboard.schoolSearch')}
          placeholder={t('dashboard.schoolSearch')}
          defaultValue={search}
          style={{ width: 220 }}
          onSearch={(value) => onChange({ search: value.trim() || undefined })}
        />
        <ScopeFilters city={city} kind={kind} cityLocked={cityLocked} onChange={onChange} />
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
