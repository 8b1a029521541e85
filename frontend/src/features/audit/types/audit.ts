import type { components } from '@/types/api';

type Schemas = components['schemas'];

/** One audit entry as the province reads it (generated from /api/schema/). */
export type AuditEntry = Schemas['AuditLogEntry'];

export type AuditAction = 'create' | 'update' | 'delete' | 'access';

export const AUDIT_ACTIONS: AuditAction[] = ['create', 'update', 'delete', 'access'];

/** The audited records (backend shuangshi/audit/registry.py AUDITED), by the API's `model`. */
export const AUDIT_MODELS = [
  'teacher',
  'certificate',
  'enterpriseperiod',
  'trainingcompletion',
  'school',
  'mentor',
  'mentorappointment',
  'trainingbase',
  'basestatuschange',
  'trainingprogram',
  'teachinghours',
  'user',
  'target',
  'preference',
  'alertsettings',
  'round',
  'application',
  'recognition',
  'evidencefile',
  'vote',
  'objection',
] as const;

/** The list's query: the filters LogEntryFilter declares, and the page. */
export type AuditParams = {
  page?: number;
  page_size?: number;
  action?: AuditAction;
  model?: string;
  actor?: string;
  /** ISO moments: since is inclusive, until exclusive. */
  since?: string;
  until?: string;
};
