import type { components } from '@/types/api';

type Schemas = components['schemas'];

export type NotificationKind = Schemas['NotificationKindEnum'];

/** The link leads to the page where the user acts; resolved_at is set once the condition ends. */
export type Notification = Schemas['Notification'];

export type NotificationPreferences = Schemas['Preference'];
export type PreferencesChange = Schemas['PatchedPreferenceUpdateRequest'];
