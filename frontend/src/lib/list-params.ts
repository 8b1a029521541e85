import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

export type ListParamValue = string | number | boolean | null | undefined;

/** A page number from the address bar: a whole number from 1, else the first page. */
export function pageFromParam(value: string | null | undefined): number {
  const page = Number(value ?? 1);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** A record's id from the address: a whole number from 1, else undefined. */
export function idFromParam(value: string | null | undefined): number | undefined {
  const id = Number(value);
  return value && Number.isSafeInteger(id) && id >= 1 ? id : undefined;
}

/**
 * The text of a list's search box: what is typed, or the list's search whenever that
 * changes from outside the box (a link, Back, 重置 emptying it). Left to itself an
 * uncontrolled box kept words the list no longer searched for.
 */
export function useSearchBox(search: string | undefined): [string, (text: string) => void] {
  const [text, setText] = useState(search ?? '');
  const [listed, setListed] = useState(search);
  if (listed !== search) {
    setListed(search);
    setText(search ?? '');
  }
  return [text, setText];
}

/** `value` if it is one of `allowed`, else undefined: an address typed or kept from an old release. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The sort order antd's column shows for `ordering` (`name`, `-name`) on `field`. */
export function sortOrderOf(ordering: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (ordering === field) return 'ascend';
  if (ordering === `-${field}`) return 'descend';
  return null;
}

/** The `ordering` for antd's sorter change: the field with `-` when descending; undefined when cleared. */
export function orderingOf(field: unknown, order: 'ascend' | 'descend' | null | undefined): string | undefined {
  if (typeof field !== 'string' || !order) return undefined;
  return `${order === 'descend' ? '-' : ''}${field}`;
}

export interface ListParams<K extends string> {
  /** The list's values from the address; a key not in it is undefined. */
  values: Partial<Record<K, string>>;
  /** The page, 1 unless the address names a whole number from 1. */
  page: number;
  /** Set values (blank, null or undefined take the key away); the page goes back to 1 unless `keepPage`. */
  set: (changes: Partial<Record<K | 'page', ListParamValue>>, keepPage?: boolean) => void;
  setPage: (page: number) => void;
  /** Take every one of this list's keys (and its page) away; other lists' keys on the page stay. */
  reset: () => void;
  /** True while any of the list's keys but its page and ordering is set: a filter is on. */
  filtered: boolean;
}

/**
 * A list's filters, page and sort kept in the address, so Back, a reload and a shared link
 * keep them (the teachers list's way, for every list). `prefix` names the keys of one list
 * where a page holds two (`c_page`, `c_search`); without it they are the plain names.
 * Changes replace the history entry: typing in a search box does not make Back stop at each
 * letter.
 */
export function useListParams<K extends string>(keys: readonly K[], prefix = ''): ListParams<K> {
  const [params, setParams] = useSearchParams();
  const name = useCallback((key: string) => (prefix ? `${prefix}_${key}` : key), [prefix]);
  const keyList = keys.join('\u0000');

  const values = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const key of keyList.split('\u0000') as K[]) {
      const value = params.get(name(key));
      if (value !== null && value !== '') out[key] = value;
    }
    return out;
  }, [params, name, keyList]);
  const page = pageFromParam(params.get(name('page')));

  const set = useCallback(
    (changes: Partial<Record<K | 'page', ListParamValue>>, keepPage = false) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes) as [string, ListParamValue][]) {
            if (value === undefined || value === null || value === '' || value === false) next.delete(name(key));
            else next.set(name(key), String(value));
          }
          if (!keepPage && !('page' in changes)) next.delete(name('page'));
          if (next.get(name('page')) === '1') next.delete(name('page'));
          return next;
        },
        { replace: true },
      ),
    [name, setParams],
  );
  const setPage = useCallback((to: number) => set({ page: to } as Partial<Record<K | 'page', ListParamValue>>, true), [set]);
  const reset = useCallback(
    () =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const key of [...keyList.split('\u0000'), 'page']) next.delete(name(key));
          return next;
        },
        { replace: true },
      ),
    [keyList, name, setParams],
  );
  const filtered = Object.keys(values).some((key) => key !== 'ordering');
  return { values, page, set, setPage, reset, filtered };
}
