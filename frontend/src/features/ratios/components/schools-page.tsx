import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { enums } from '@/config/enums';
import { idFromParam, oneOf, useListParams, useSearchBox } from '@/lib/list-params';

import { SCHOOL_RATIO_ORDERINGS, SchoolRatiosTable } from './below-target-table';
import { ProvinceWorkbookButton } from './province-workbook-button';
import { SchoolDrawer } from './school-drawer';
import { ScopeFilters } from './scope-filters';

/** The page's keys in the address: `city`, `kind`, `search`, `as_of`, `ordering` and `page`. */
const LIST_KEYS = ['city', 'kind', 'search', 'as_of', 'ordering'] as const;

/** A day from the address as the API takes it (YYYY-MM-DD, a real day, 1950 to 2100), else none. */
function dayFromParam(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const day = new Date(`${value}T00:00:00Z`);
  const real = !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
  return real && value >= '1950-01-01' && value <= '2100-12-31' ? value : undefined;
}

/** Every school in the user's scope: search, filter, sort by ratio or gap, open one; the
 * filters, the page and the order are kept in the address. A city user's city is
 * `lockedCity`, whatever the address says. With `canManage` (the province, DESIGN §2) it
 * also adds schools and edits them. */
export function SchoolsPage({
  cityLocked = false,
  lockedCity,
  canManage = false,
}: {
  cityLocked?: boolean;
  lockedCity?: number;
  canManage?: boolean;
}) {
  const { t } = useTranslation();
  const list = useListParams(LIST_KEYS);
  // Values the API would refuse (an old or hand-edited link) are left out, not sent for a 400.
  const city = cityLocked ? lockedCity : idFromParam(list.values.city);
  const kind = oneOf(list.values.kind, enums.schoolKind);
  const search = list.values.search;
  const asOf = dayFromParam(list.values.as_of);
  const ordering = oneOf(list.values.ordering, SCHOOL_RATIO_ORDERINGS);
  const filtered = Boolean(search || kind || (!cityLocked && city));
  // The box shows the list's search (lib/list-params.useSearchBox).
  const [searchText, setSearchText] = useSearchBox(search);
  // undefined: closed; null: a new school; a number: that school.
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          aria-label={t('dashboard.schoolSearch')}
          placeholder={t('dashboard.schoolSearch')}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          style={{ width: 220 }}
          onSearch={(value) => list.set({ search: value.trim() })}
        />
        <ScopeFilters city={city} kind={kind} cityLocked={cityLocked} onChange={(changes) => list.set(changes)} />
        {!cityLocked && <ProvinceWorkbookButton asOf={asOf} />}
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('schoolAdmin.add')}
          </Button>
        )}
      </Space>
      <SchoolRatiosTable
        city={city}
        kind={kind}
        search={search}
        asOf={asOf}
        pageSize={20}
        title={t('dashboard.allSchools')}
        onEdit={canManage ? setEditing : undefined}
        filtered={filtered}
        paging={{
          page: list.page,
          ordering,
          onChange: (changes) => list.set(changes, true),
        }}
      />
      {editing !== undefined && <SchoolDrawer schoolId={editing} onClose={() => setEditing(undefined)} />}
    </Space>
  );
}
