import { useQuery } from '@tanstack/react-query';

import { schoolQueryOptions } from '@/lib/reference-data';

export function useSchool(id: number) {
  return useQuery({ ...schoolQueryOptions(id), enabled: Number.isFinite(id) });
}
