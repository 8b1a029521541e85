import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

import { useMe } from '@/lib/auth';
import { formatDate } from '@/lib/format';

import { useBase } from '../api/get-base';
import { baseStatsQueryOptions } from '../api/get-base-stats';
import type { TrainingBase } from '../types/training';

/** The day the base's present status began: the first of the latest run of changes to it. */
function statusSince(base: TrainingBase | undefined): string | undefined {
  if (!base) return undefined;
  const history = [...(base.status_history ?? [])].sort((a, b) => a.effective_on.localeCompare(b.effective_on));
  let since: string | undefined;
  for (let i = history.length - 1; i >= 0 && history[i].status === base.status; i -= 1) since = history[i].effective_on;
  return since;
}

/**
 * Whether base staff's own base is operating today, and since when it is not. Only training
 * at an operating base counts (DESIGN §4; the API refuses a completion dated on a day the base
 * was planned or suspended). Until the status is known, nothing is held back.
 */
export function useBaseOperating(enabled = true) {
  const me = useMe().data;
  const own = enabled && me?.role === 'base_staff' ? me.training_base : null;
  const base = useBase(own);
  // The base's statistics (the training page reads them anyway) say its status too, should
  // the base itself not answer.
  const stats = useQuery({ ...baseStatsQueryOptions(), enabled: !!own && base.isError });
  const status = base.data?.status ?? (own ? stats.data?.[0]?.base.status : undefined);
  return { status, operating: !status || status === 'active', since: statusSince(base.data) };
}

/** Says, in words, that the base is not operating (its status, since when) and that no
 * completion can be logged or imported: on the training page and the imports page. */
export function BaseNotOperating({ status, since }: { status?: string; since?: string }) {
  const { t } = useTranslation();
  if (!status || status === 'active') return null;
  const kind = status === 'suspended' ? 'suspended' : 'planned';
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="base-not-operating"
      title={
        since
          ? t(`training.notOperating.${kind}Since`, { date: formatDate(since) })
          : t(`training.notOperating.${kind}`)
      }
    />
  );
}
