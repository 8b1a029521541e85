// Settings shapes: the generated OpenAPI types (make api-types).
import type { components } from '@/types/api';

type Schemas = components['schemas'];

export type Target = Schemas['Target'];
export type TargetCode = Target['code'];

/** Rule thresholds by name (the schema types them as free JSON). */
export type RuleValues = Record<string, string | number>;

export type CurrentProfile = Omit<Schemas['CurrentProfile'], 'values'> & { values: RuleValues };

export type SavedProfile = Omit<Schemas['RuleProfile'], 'values' | 'note'> & {
  values: RuleValues;
  note: string;
};

/** What new thresholds (and/or a new ratio target) would change; the server stores nothing. */
export type ProfilePreview = Schemas['ProfilePreview'];
