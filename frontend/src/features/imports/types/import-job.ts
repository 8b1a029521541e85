export type ImportError = { row: number; column: string; value: unknown; message: string };

export type ImportJob = {
  id: number;
  kind: string;
  filename?: string;
  status: 'valid' | 'invalid' | 'committed' | string;
  rows: number;
  ready: number;
  failed: number;
  errors: ImportError[];
  created?: number;
  updated?: number;
  unchanged?: number;
};
