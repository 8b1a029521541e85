export type ShareRow = {
  school: { id: number; code: string; name: string };
  term: string | null;
  total_hours: number;
  practical_hours: number;
  practical_share: number | null;
  meets_target: boolean | null;
};

export type Shares = { term: string | null; target: number; schools: ShareRow[] };
