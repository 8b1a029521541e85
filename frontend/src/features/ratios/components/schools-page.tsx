import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { SchoolRatiosTable } from './below-target-table';
import { ProvinceWorkbookButton } from './province-workbook-button';
import { SchoolDrawer } from './school-drawer';
import { ScopeFilters } from './scope-filters';

export type SchoolsFilters = { city?: number; kind?: string; search?: string; as_of?: string };

/** Every school in the user's scope: search, filter, sort by ratio or gap, open one. With
 * `canManage` (the province, DESIGN §2) it also adds schools and edits them. */
export function SchoolsPage({
  city,
  kind,
  search,
  as_of,
  cityLocked = false,
  canManage = false,
  onChange,
}: SchoolsFilters & { cityLocked?: boolean; canManage?: boolean; onChange: (changes: SchoolsFilters) => void }) {
  const { t } = useTranslation();
  // undefined: closed; null: a new school; a number: that school.
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
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
        {!cityLocked && <ProvinceWorkbookButton asOf={as_of} />}
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('schoolAdmin.add')}
          </Button>
        )}
      </Space>
      <SchoolRatiosTable
        key={`${city}-${kind}-${search}`}
        city={city}
        kind={kind}
        search={search}
        asOf={as_of}
        pageSize={20}
        title={t('dashboard.allSchools')}
        onEdit={canManage ? setEditing : undefined}
      />
      {editing !== undefined && <SchoolDrawer schoolId={editing} onClose={() => setEditing(undefined)} />}
    </Space>
  );
}
