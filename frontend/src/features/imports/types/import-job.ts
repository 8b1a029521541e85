import type { components } from '@/types/api';

type Schemas = components['schemas'];

/** One refused cell: {row, column, cell, field, value, message}. */
export type ImportError = Schemas['ImportRowError'];

/** queued → validating → valid | invalid; valid → committing → committed | failed. */
export type ImportStatus = Schemas['ImportJobStatusEnum'];

/** The API's import job (generated from /api/schema/). */
export type ImportJob = Schemas['ImportJob'];

/** The background job is still working on it: keep asking. */
export const isBusy = (status: string) => ['queued', 'validating', 'committing'].includes(status);
