import { queryOptions, useQuery } from '@tanstack/react-query';

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

export const schoolOptionsQueryOptions = (city?: number | null) =>
  queryOptions({
    queryKey: ['schools', 'options', { city: city ?? null }],
    queryFn: () =>
      api<Paginated<School>>('/schools/', {
        params: { page_size: 200, ordering: 'name', city: city ?? undefined },
      }),
    staleTime: 10 * 60 * 1000,
  });

export function useSchoolOptions(city?: number | null, enabled = true) {
  return useQuery({ ...schoolOptionsQueryOptions(city), enabled });
}

export function cityLabel(city: City, language: string): string {
  return language.startsWith('en') ? city.name_en || city.name : city.name;
}

/** A city as a title names it: "南昌市" in Chinese (the API says "南昌"), the English name otherwise. */
export function cityTitle(city: Pick<City, 'name' | 'name_en'>, language: string): string {
  if (language.startsWith('en')) return city.name_en || city.name;
  return city.name.endsWith('市') ? city.name : `${city.name}市`;
}
