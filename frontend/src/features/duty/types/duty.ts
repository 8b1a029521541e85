import type { components } from '@/types/api';

type Schemas = components['schemas'];

/** A teacher's standing; lapses_on: when the duty stops being met if nothing new is done. */
export type DutyRow = Schemas['DutyRow'];

export type DutyPage = Schemas['DutyPage'];

export type DutySummaryRow = Schemas['DutySummaryRow'];
