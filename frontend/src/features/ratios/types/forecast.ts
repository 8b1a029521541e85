/** A month-end if nothing changes (nobody joins or leaves, nothing new is earned). */
export type ForecastPoint = {
  date: string;
  in_scope: number;
  qualified: number;
  ratio: number | null;
  meets_target: boolean;
};

export type Forecast = { scope: string; key: number; points: ForecastPoint[] };

export type FallingSchool = { school: { id: number; code: string; name: string }; below_on: string };
