export type DutyRow = {
  teacher: { id: number; name: string; staff_no: string; school: { id: number; name: string } };
  days_in_window: number;
  required: number;
  short_by: number;
  window_start: string;
  window_end: string;
  /** When the duty stops being met if nothing new is done (null: not met now, or never). */
  lapses_on: string | null;
};

export type DutySummaryRow = {
  school: { id: number; code: string; name: string };
  teachers: number;
  short: number;
  share_short: number | null;
};
