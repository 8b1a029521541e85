import type { components } from '@/types/api';

type Schemas = components['schemas'];

/** One refused cell (the schema types `errors` as free JSON: this is its shape). */
export type ImportError = { row: number; column: string; value: unknown; message: string };

/** queued → validating → valid | invalid; valid → committing → committed | failed. */
export type ImportStatus = Schemas['ImportJobStatusEnum'];

/** The API's import job (generated from /api/schema/), with its errors typed. */
export type ImportJob = Omit<Schemas['ImportJob'], 'errors'> & { errors: ImportError[] };

/** The background job is still working on it: keep asking. */
export const isBusy = (status: string) => ['queued', 'validating', 'committing'].includes(status);
