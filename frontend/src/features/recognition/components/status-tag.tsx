import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Application } from '../types';

const COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  school_approved: 'cyan',
  publicized: 'gold',
  objected: 'volcano',
  recognized: 'green',
  rejected: 'red',
  withdrawn: 'default',
  returned: 'warning',
  pending: 'gold',
  confirmed: 'green',
  active: 'green',
  expired: 'default',
  revoked: 'red',
};

/** An application's, record's or recognition's status as a coloured tag. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid={`status-${status}`}>
      {t(`recognition.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** What an application's status reads and where it came from: the API's `status` and, when
 * read in full, its `history` (a publicity row carries no history). */
type StatusOf = { status?: Application['status'] | null; history?: Application['history'] | null };

/** A draft a review sent back (DESIGN §8: "a returned application is edited and submitted
 * again"): its last step is a return, with the opinion saying what to change. */
export function isReturned(app: StatusOf): boolean {
  return app.status === 'draft' && app.history?.[app.history.length - 1]?.decision === 'return';
}

/** The status an application reads as, everywhere it is shown (the teacher's /me, the review
 * queue and its drawer): a returned draft is `returned` (已退回), not 草稿. */
export function applicationStatus(app: StatusOf): string {
  return isReturned(app) ? 'returned' : (app.status ?? '');
}

/** The opinion of the return that sent a draft back; null for any other application. */
export function returnOpinion(app: StatusOf): string | null {
  return isReturned(app) ? app.history?.[app.history.length - 1]?.opinion || null : null;
}

/** An application's status as a tag, a returned draft as 已退回 (see `applicationStatus`). */
export function ApplicationStatusTag({ application }: { application: StatusOf }) {
  const status = applicationStatus(application);
  return status ? <StatusTag status={status} /> : null;
}

export function LevelText({ level }: { level: string | null | undefined }) {
  const { t } = useTranslation();
  return <>{level ? t(`recognition.level.${level}`, { defaultValue: level }) : '—'}</>;
}
