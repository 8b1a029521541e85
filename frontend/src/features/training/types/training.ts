// The training API's shapes, from the generated OpenAPI types (make api-types).
import type { components } from '@/types/api';

type Schemas = components['schemas'];

export type TrainingBase = Schemas['TrainingBase'];
export type TrainingProgram = Schemas['TrainingProgram'];
export type TrainingCompletion = Schemas['TrainingCompletion'];
/** What an exact ID-number lookup reveals about a teacher: nothing more. */
export type TeacherMatch = Schemas['TeacherMatch'];
export type BaseStats = Schemas['BaseStats'];
export type Split = Schemas['BasesSplit'];
export type BasesProgress = Schemas['BasesProgress'];

export type ListParams = {
  page?: number;
  page_size?: number;
  search?: string;
  ordering?: string;
};
