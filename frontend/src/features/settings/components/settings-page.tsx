import { Space } from 'antd';
import { useState } from 'react';

import { useUnsavedChangesPrompt } from '@/lib/unsaved-changes';

import { ProfileCard } from './profile-card';
import { TargetsCard } from './targets-card';

export function SettingsPage() {
  // One prompt for the page (a router has one blocker): any form with unsaved edits asks.
  const [dirty, setDirty] = useState<Record<string, boolean>>({});
  useUnsavedChangesPrompt(Object.values(dirty).some(Boolean));
  const onDirty = (key: string, value: boolean) =>
    setDirty((prev) => (prev[key] === value ? prev : { ...prev, [key]: value }));
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <TargetsCard onDirty={onDirty} />
      <ProfileCard onDirty={onDirty} />
    </Space>
  );
}
