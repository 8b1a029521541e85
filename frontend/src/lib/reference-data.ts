import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';

import { api, type Paginated } from '@/lib/api-client';

// Small lists shared by many screens (filters, selects): cities and schools.

export type City = { id: number; code: string; name: string; name_en: string };

export type School = {
  id: number;
  code: string;
  name: string;
  city: number;
  city_name: string;
  kind: string;
  student_count: number;
  version: number;
};

export const citiesQueryOptions = () =>
  queryOptions({
    queryKey: ['cities'],
    queryFn: () => api<Paginated<City>>('/cities/', { params: { page_size: 200 } }),
    staleTime: 60 * 60 * 1000,
  });

export function useCities(enabled = true) {
  return useQuery({ ...citiesQueryOptions(), enabled });
}

/** How many schools a school select offers at a time: typing narrows them on the server. */
export const SCHOOL_SEARCH_PAGE = 20;

/**
 * Schools whose name or code contains `search` (all schools for ''), by name, the first
 * SCHOOL_SEARCH_PAGE: a province has more schools than a page of the API (page_size stops at
 * 200), so a select asks the server rather than filtering one page.
 */
export const schoolSearchQueryOptions = (search: string, city?: number | null) =>
  queryOptions({
    queryKey: ['schools', 'search', { search, city: city ?? null }],
    queryFn: ({ signal }) =>
      api<Paginated<School>>('/schools/', {
        params: { page_size: SCHOOL_SEARCH_PAGE, ordering: 'name', search: search || undefined, city: city ?? undefined },
        signal,
      }),
    staleTime: 5 * 60 * 1000,
  });

/** One school (its page, or the name of a school a select or a table holds by id). */
export const schoolQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['schools', 'detail', id],
    queryFn: ({ signal }) => api<School>(`/schools/${id}/`, { signal }),
  });

/** The names of the given schools (id -> name), each read once and kept for ten minutes. */
export function useSchoolNames(ids: (number | null | undefined)[]): Map<number, string> {
  const unique = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  return useQueries({
    queries: unique.map((id) => ({ ...schoolQueryOptions(id), staleTime: 10 * 60 * 1000 })),
    combine: (results) =>
      new Map(results.flatMap((r) => (r.data ? [[r.data.id, r.data.name] as [number, string]] : []))),
  });
}

export function cityLabel(city: City, language: string): string {
  return language.startsWith('en') ? city.name_en || city.name : city.name;
}

/** A city as a title names it: "南昌市" in Chinese (the API says "南昌"), the English name otherwise. */
export function cityTitle(city: Pick<City, 'name' | 'name_en'>, language: string): string {
  if (language.startsWith('en')) return city.name_en || city.name;
  return city.name.endsWith('市') ? city.name : `${city.name}市`;
}
