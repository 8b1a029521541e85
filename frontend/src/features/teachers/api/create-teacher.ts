import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Teacher, TeacherInput } from '../types/teacher';

export const createTeacher = (input: TeacherInput) =>
  api<Teacher>('/teachers/', { method: 'POST', body: input });

export function useCreateTeacher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTeacher,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['teachers'] }),
  });
}
