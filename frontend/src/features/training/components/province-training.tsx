import { Space } from 'antd';

import { BasesProgressCard } from './bases-progress-card';
import { BasesTable } from './bases-table';

/** The province: the 20 training bases, their progress and per-base figures. */
export function ProvinceTraining() {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <BasesProgressCard />
      <BasesTable editable />
    </Space>
  );
}
