export type NotificationKind =
  | 'certificate_expiring'
  | 'practice_lapsing'
  | 'level_dropping'
  | 'school_falling_below'
  | 'recognition_expiring'
  | 'review_waiting'
  | 'job_finished';

export type Notification = {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  /** The page where the user acts (a teacher, a certificate, an application). */
  link: string;
  subject: string;
  due_on: string;
  created_at: string;
  read_at: string | null;
  /** Set once the condition no longer holds (a renewed certificate, new practice …). */
  resolved_at: string | null;
};

export type NotificationPreferences = { email_enabled: boolean; email: string };
