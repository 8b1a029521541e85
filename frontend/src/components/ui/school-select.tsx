import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin, type SelectProps } from 'antd';
import { useState } from 'react';

import { useDebouncedValue } from '@/lib/debounce';
import { schoolQueryOptions, schoolSearchQueryOptions } from '@/lib/reference-data';

type Props = Omit<SelectProps<number | null>, 'options' | 'showSearch' | 'filterOption' | 'labelRender' | 'mode'> & {
  /** Only this city's schools. */
  city?: number | null;
};

/**
 * A select of one school that searches the server as one types (name or code, the first 20 by
 * name). A province has more schools than one page of the API (208 in Jiangxi, page_size stops
 * at 200), so the selects that filtered one page offered no school past it. The school chosen
 * keeps its name when the list no longer holds it (another search, a value from a record or a
 * link): it is read from /schools/{id}/.
 */
export function SchoolSelect({ city, value, onChange, ...props }: Props) {
  const [typed, setTyped] = useState('');
  const search = useDebouncedValue(typed.trim(), 300);
  const found = useQuery({ ...schoolSearchQueryOptions(search, city), placeholderData: keepPreviousData });
  const results = found.data?.results ?? [];
  // The name of the school chosen from this select, and of a value the list does not hold.
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);
  const known = value == null || results.some((s) => s.id === value) || picked?.value === value;
  const selected = useQuery({
    ...schoolQueryOptions(value ?? 0),
    enabled: value != null && !known,
    staleTime: 10 * 60 * 1000,
  });
  const nameOf = (id: number | null | undefined) =>
    id == null ? undefined : picked?.value === id ? picked.label : selected.data?.id === id ? selected.data.name : undefined;

  return (
    <Select<number | null>
      {...props}
      value={value}
      onChange={(next, option) => {
        const label = option && !Array.isArray(option) ? option.label : undefined;
        setPicked(next != null && typeof label === 'string' ? { value: next, label } : null);
        onChange?.(next, option);
      }}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      onOpenChange={(open) => {
        // A new look starts from the whole list, not the last search.
        if (!open) setTyped('');
        props.onOpenChange?.(open);
      }}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      options={results.map((s) => ({ value: s.id, label: s.name }))}
      labelRender={(item) => item.label ?? nameOf(item.value as number | null) ?? (selected.isError ? `#${String(item.value)}` : '…')}
    />
  );
}
