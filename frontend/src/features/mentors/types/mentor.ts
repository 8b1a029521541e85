// The mentor API's shapes, from the generated OpenAPI types (make api-types).
import type { components } from '@/types/api';

type Schemas = components['schemas'];

export type Mentor = Schemas['Mentor'];
export type Appointment = Schemas['MentorAppointment'];
/** What an exact ID-number lookup reveals about a mentor registered elsewhere. */
export type MentorMatch = Schemas['MentorMatch'];
export type MentorCounts = Schemas['MentorCounts'];

export type ListParams = { page?: number; page_size?: number; search?: string; ordering?: string };
