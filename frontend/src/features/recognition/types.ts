import type { components } from '@/types/api';

type Schemas = components['schemas'];

export type Round = Schemas['Round'];
export type Application = Schemas['Application'];
export type ApplicationStatus = Application['status'];
export type Recognition = Schemas['Recognition'];
export type EvidenceFile = Schemas['EvidenceFile'];
export type PendingRecord = Schemas['PendingRecord'];
export type PublicityRow = Schemas['PublicityRow'];
export type Objection = Schemas['Objection'];
export type MyRecord = Schemas['MyRecord'];
export type Verify = Schemas['Verify'];
export type Decision = 'approve' | 'return' | 'reject';

export const LEVELS = ['junior', 'intermediate', 'senior'] as const;
export const STATUSES: ApplicationStatus[] = [
  'draft',
  'submitted',
  'school_approved',
  'publicized',
  'objected',
  'recognized',
  'rejected',
  'withdrawn',
];
