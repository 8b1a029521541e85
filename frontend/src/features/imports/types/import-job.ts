export type ImportError = { row: number; column: string; value: unknown; message: string };

/** queued → validating → valid | invalid; valid → committing → committed | failed. */
export type ImportStatus =
  | 'queued'
  | 'validating'
  | 'valid'
  | 'invalid'
  | 'committing'
  | 'committed'
  | 'failed';

export type ImportJob = {
  id: number;
  kind: string;
  filename?: string;
  status: ImportStatus | string;
  rows: number;
  ready: number;
  failed: number;
  errors: ImportError[];
  created?: number | null;
  updated?: number | null;
  unchanged?: number | null;
  /** Rows checked or written so far by the background job (total 0: not known yet). */
  progress?: { done: number; total: number };
  message?: string;
  job?: number | null;
};

/** The background job is still working on it: keep asking. */
export const isBusy = (status: string) => ['queued', 'validating', 'committing'].includes(status);
