import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

import type { Teacher, TeacherInput } from '../types/teacher';

export const createTeacher = (input: TeacherInput) =>
  api<Teacher>('/teachers/', { method: 'POST', body: input });

export function useCreateTeacher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTeacher,
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: ['teachers'] }), invalidateRatios(queryClient)]),
  });
}
