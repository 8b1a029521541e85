import type { Qualification } from '../types/teacher';
import type { Translate } from './level-checklist';

type Level = Qualification['level'];

/** Levels from lowest to highest (none, junior, intermediate, senior). */
export const LEVEL_RANK: Record<Level, number> = { none: 0, junior: 1, intermediate: 2, senior: 3 };

/** What changes on valid_until (issue 10): the level is lost, or drops to a lower one.
 * A rise warns of nothing; an older reply without level_after only says "changes". */
export type ExpiryWarning =
  | { kind: 'loses'; date: string }
  | { kind: 'drops'; date: string; level: Level }
  | { kind: 'changes'; date: string };

export function expiryWarning(q: Qualification): ExpiryWarning | null {
  const date = q.valid_until;
  if (!date) return null;
  if (q.level_after === undefined) return { kind: 'changes', date };
  if (q.level_after === null || LEVEL_RANK[q.level_after] >= LEVEL_RANK[q.level]) return null;
  if (q.level_after === 'none') return { kind: 'loses', date };
  return { kind: 'drops', date, level: q.level_after };
}

/** "将于 {date} 失去双师资格" / "{date} 起降为{level}" (dates and levels in words). */
export function expiryWords(
  warning: ExpiryWarning,
  t: Translate,
  formatDate: (value: string) => string,
  levelLabel: (level: Level) => string,
): string {
  const date = formatDate(warning.date);
  if (warning.kind === 'loses') return t('teachers.losesOn', { date });
  if (warning.kind === 'drops') return t('teachers.dropsOn', { date, level: levelLabel(warning.level) });
  return t('checklist.changesOn', { date });
}
