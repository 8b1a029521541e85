import type { TFunction } from 'i18next';

import type { Job } from '../types/job';

// Kinds whose stored title is only a file's or a school's name: the two steps of an import
// (the check and the commit of good.xlsx both read "good.xlsx") and a school's workbook.
const NAMED_KINDS = ['imports.validate', 'imports.commit', 'exports.school'];

/** What a job is, in the reader's language: "导入检查 · good.xlsx", "教师名单导出". */
export function jobTitle(job: Pick<Job, 'kind' | 'title'>, t: TFunction): string {
  if (!NAMED_KINDS.includes(job.kind)) return job.title || job.kind;
  const kind = t(`jobs.kinds.${job.kind.replace('.', '_')}`);
  return job.title ? t('jobs.kindTitle', { kind, title: job.title }) : kind;
}

/** What an import's job came to (rows ready or wrong, rows written); '' for other jobs. A
 * check refused before any row (no template headers, an empty sheet) says why: its message,
 * as the import wizard does (it read "0 rows with errors", as if nothing were wrong). */
export function jobOutcome(job: Pick<Job, 'kind' | 'status' | 'result' | 'message'>, t: TFunction): string {
  if (job.status !== 'succeeded' || !job.result) return '';
  const r = job.result as { status?: string; rows?: number; failed?: number; created?: number; updated?: number; unchanged?: number };
  if (job.kind === 'imports.validate' && r.status === 'valid') return t('jobs.outcome.valid', { count: r.rows ?? 0 });
  if (job.kind === 'imports.validate' && r.status === 'invalid') {
    return r.failed ? t('jobs.outcome.invalid', { count: r.failed }) : job.message || t('jobs.outcome.unreadable');
  }
  // The commit checks the rows again: one that broke since the check (another school has
  // registered the same ID number meanwhile) refuses the file, and nothing is written.
  if (job.kind === 'imports.commit' && r.status === 'invalid') {
    return r.failed ? t('jobs.outcome.commitRefused', { count: r.failed }) : job.message || t('jobs.outcome.unreadable');
  }
  if (job.kind === 'imports.commit' && r.status === 'committed') {
    const counts = { created: r.created ?? 0, updated: r.updated ?? 0, unchanged: r.unchanged ?? 0 };
    // Rows already as the file has them were left alone (a re-import): said only when some were.
    return t(counts.unchanged ? 'jobs.outcome.committedUnchanged' : 'jobs.outcome.committed', counts);
  }
  return '';
}

// The two steps of an import: each checks the rows, and refuses the file if any is wrong.
const IMPORT_STEPS = ['imports.validate', 'imports.commit'];

/** A check, or a commit (it checks the rows again), that refused the file (wrong cells or
 * none readable): nothing was imported. */
export function isRefusedCheck(job: Pick<Job, 'kind' | 'status' | 'result'>): boolean {
  return IMPORT_STEPS.includes(job.kind) && job.status === 'succeeded' && (job.result ?? {}).status === 'invalid';
}

/** A check or a commit that found wrong cells: its marked workbook lists them (a file refused
 * as a whole has none to mark). */
export function hasMarkedRows(job: Pick<Job, 'kind' | 'status' | 'result'>): boolean {
  return isRefusedCheck(job) && ((job.result as { failed?: number }).failed ?? 0) > 0;
}

/** The upload an import's job worked on (its link is the API record, /api/v1/imports/6/), or null. */
export function uploadOf(job: Pick<Job, 'kind' | 'link'>): number | null {
  if (!job.kind.startsWith('imports.')) return null;
  const id = /\/imports\/(\d+)\/?$/.exec(job.link ?? '')?.[1];
  return id ? Number(id) : null;
}

/** A check that has ended (passed or refused), or a commit that refused the file: the import
 * wizard opens it where it stands — a passed check at its confirm, one with errors at its list. */
export function finishedCheck(job: Pick<Job, 'kind' | 'status' | 'link' | 'result'>): number | null {
  const ended = job.kind === 'imports.validate' && job.status === 'succeeded';
  return ended || isRefusedCheck(job) ? uploadOf(job) : null;
}
