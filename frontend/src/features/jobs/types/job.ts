import type { components } from '@/types/api';

type Schemas = components['schemas'];

export type JobStatus = Schemas['JobStatusEnum'];

/** The API's background job (generated from /api/schema/). */
export type Job = Schemas['Job'];

export const isActive = (status: string) => status === 'queued' || status === 'running';
