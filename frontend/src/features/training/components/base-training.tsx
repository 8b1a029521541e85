import { Space } from 'antd';

import { useMe } from '@/lib/auth';

import { BaseStatsCard } from './base-stats-card';
import { CompletionsCard } from './completions-card';
import { ProgramsCard } from './programs-card';

/** What training-base staff work on: their base's programmes and completions. */
export function BaseTraining() {
  const me = useMe().data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <BaseStatsCard title={me?.training_base_name} />
      <ProgramsCard editable />
      <CompletionsCard editable />
    </Space>
  );
}
