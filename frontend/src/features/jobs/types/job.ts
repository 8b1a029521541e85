import type { components } from '@/types/api';

type Schemas = components['schemas'];

export type JobStatus = Schemas['JobStatusEnum'];

/** The API's background job (generated from /api/schema/), with its result typed as an object. */
export type Job = Omit<Schemas['Job'], 'result'> & { result: Record<string, unknown> };

export const isActive = (status: string) => status === 'queued' || status === 'running';
