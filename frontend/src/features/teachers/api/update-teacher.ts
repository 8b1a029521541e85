import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { invalidateRatios } from '@/lib/ratio-queries';

import type { Teacher, TeacherInput } from '../types/teacher';

export const updateTeacher = ({ id, data }: { id: number; data: TeacherInput }) =>
  api<Teacher>(`/teachers/${id}/`, { method: 'PATCH', body: data });

export function useUpdateTeacher() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTeacher,
    onSuccess: (teacher) => {
      queryClient.setQueryData(['teachers', 'detail', teacher.id], teacher);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['teachers', 'list'] }),
        // A dated change adds to the history (§3).
        queryClient.invalidateQueries({ queryKey: ['teachers', 'facts', teacher.id] }),
        invalidateRatios(queryClient),
      ]);
    },
  });
}
