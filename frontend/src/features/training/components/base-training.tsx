import { Space } from 'antd';

import { useMe } from '@/lib/auth';

import { BaseNotOperating, useBaseOperating } from './base-not-operating';
import { BaseStatsCard } from './base-stats-card';
import { CompletionsCard } from './completions-card';
import { ProgramsCard } from './programs-card';

/** What training-base staff work on: their base's programmes and completions. */
export function BaseTraining() {
  const me = useMe().data;
  // A base that is not active today is told why (and since when) and offered no logging.
  const { status, operating, since } = useBaseOperating();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <BaseNotOperating status={status} since={since} />
      <BaseStatsCard title={me?.training_base_name} />
      <ProgramsCard editable />
      <CompletionsCard editable loggable={operating} />
    </Space>
  );
}
