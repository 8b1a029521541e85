import type { components } from '@/types/api';

type Schemas = components['schemas'];

export type ShareRow = Schemas['ShareRow'];

export type Shares = Schemas['Shares'];
