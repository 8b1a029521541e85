import { Space } from 'antd';

import { ProfileCard } from './profile-card';
import { TargetsCard } from './targets-card';

export function SettingsPage() {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <TargetsCard />
      <ProfileCard />
    </Space>
  );
}
