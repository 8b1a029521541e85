import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';

import { useEnumLabel } from '@/components/ui/enum-label';

import { teacherQueryOptions } from '../api/get-teacher';
import type { Teacher } from '../types/teacher';

/**
 * "已保存：不符合条件 → 初级" after any save that touches a teacher. `begin()` before the save
 * remembers the level; the function it returns, called on success, reads the teacher afresh
 * (so the page shows the new verdict at once) and says what changed.
 */
export function useSavedNotice(teacherId: number | undefined) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const label = useEnumLabel();
  const level = (code: string | undefined) => label('qualificationLevel', code ?? 'none');

  return {
    begin() {
      const before =
        teacherId === undefined
          ? undefined
          : queryClient.getQueryData<Teacher>(teacherQueryOptions(teacherId).queryKey)?.qualification?.level;
      return async (saved?: Teacher) => {
        const id = saved?.id ?? teacherId;
        let fresh = saved;
        if (id !== undefined && !fresh?.qualification) {
          fresh = await queryClient
            .fetchQuery({ ...teacherQueryOptions(id), staleTime: 0 })
            .catch(() => undefined);
        }
        const after = fresh?.qualification?.level;
        if (fresh && id !== undefined) queryClient.setQueryData(teacherQueryOptions(id).queryKey, fresh);
        void message.success(
          after === undefined
            ? t('common.saved')
            : before !== undefined && before !== after
              ? t('saved.levelChanged', { from: level(before), to: level(after) })
              : t('saved.levelSame', { level: level(after) }),
        );
      };
    },
  };
}
