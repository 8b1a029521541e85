import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';

import { useMe } from '@/lib/auth';

import { useBaseStats } from '../api/get-base-stats';
import { BaseStatsCard } from './base-stats-card';
import { CompletionsCard } from './completions-card';
import { ProgramsCard } from './programs-card';

/** What training-base staff work on: their base's programmes and completions. */
export function BaseTraining() {
  const { t } = useTranslation();
  const me = useMe().data;
  // Only training at an operating base counts (DESIGN §4; the API refuses a completion dated
  // on a day the base was planned or suspended): a base that is not active today is told
  // why and offered no logging. Until its status is known, nothing is held back.
  const status = useBaseStats().data?.[0]?.base.status;
  const operating = !status || status === 'active';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {!operating && (
        <Alert
          type="warning"
          showIcon
          data-testid="base-not-operating"
          title={t(status === 'suspended' ? 'training.notOperating.suspended' : 'training.notOperating.planned')}
        />
      )}
      <BaseStatsCard title={me?.training_base_name} />
      <ProgramsCard editable />
      <CompletionsCard editable loggable={operating} />
    </Space>
  );
}
