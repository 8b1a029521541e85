// Settings shapes: the generated OpenAPI types where the API declares them (make api-types).
import type { components } from '@/types/api';

type Schemas = components['schemas'];


export type Target = Schemas['Target'];
export type TargetCode = Target['code'];

export type RuleValues = Record<string, string | number>;

export type CurrentProfile = { version: number; values: RuleValues };

export type SavedProfile = {
  version: number;
  values: RuleValues;
  note: string;
  created_by: string | null;
  created_at: string;
};

/** What new thresholds (and/or a new ratio target) would change; the server stores nothing. */
export type ProfilePreview = Schemas['ProfilePreview'];
