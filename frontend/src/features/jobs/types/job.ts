export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export type Job = {
  id: number;
  kind: string;
  title: string;
  status: JobStatus | string;
  progress: { done: number; total: number };
  message: string;
  result: Record<string, unknown>;
  /** The API path of the record the job worked on (e.g. an import). */
  link: string;
  /** The generated file, when there is one. */
  download: string | null;
  result_name: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};

export const isActive = (status: string) => status === 'queued' || status === 'running';
