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

/** What an import's job came to (rows ready or wrong, rows written); '' for other jobs. */
export function jobOutcome(job: Pick<Job, 'kind' | 'status' | 'result'>, t: TFunction): string {
  if (job.status !== 'succeeded' || !job.result) return '';
  const r = job.result as { status?: string; rows?: number; failed?: number; created?: number; updated?: number; unchanged?: number };
  if (job.kind === 'imports.validate' && r.status === 'valid') return t('jobs.outcome.valid', { count: r.rows ?? 0 });
  if (job.kind === 'imports.validate' && r.status === 'invalid') return t('jobs.outcome.invalid', { count: r.failed ?? 0 });
  if (job.kind === 'imports.commit' && r.status === 'committed') {
    const counts = { created: r.created ?? 0, updated: r.updated ?? 0, unchanged: r.unchanged ?? 0 };
    // Rows already as the file has them were left alone (a re-import): said only when some were.
    return t(counts.unchanged ? 'jobs.outcome.committedUnchanged' : 'jobs.outcome.committed', counts);
  }
  return '';
}
