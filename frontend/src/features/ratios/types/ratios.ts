// The ratio API's shapes, from the generated OpenAPI types (make api-types): no hand-written copies.
import type { components } from '@/types/api';

type Schemas = components['schemas'];

export type Levels = Schemas['QualificationLevels'];
export type RatioFigures = Schemas['RatioFigures'];
export type Staffing = Schemas['Staffing'];
export type SchoolRatio = Schemas['SchoolRatio'];
export type RatioSummary = Schemas['RatioSummary'];
export type TrendPoint = Schemas['TrendPoint'];
export type Trend = Schemas['RatioTrend'];
export type MissingItem = Schemas['MissingItem'];
export type Candidate = Schemas['Candidate'];
export type BasesProgress = Schemas['BasesProgress'];
export type SchoolRecord = Schemas['School'];
export type SchoolInput = Schemas['PatchedSchoolRequest'];
