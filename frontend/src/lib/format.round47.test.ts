import { describe, expect, it } from 'vitest';

import { formatPercentAgainst } from './format';

// A share shown beside its verdict never crosses the target against it (QA: "50.0%" over
// "below the target (50%)").
describe('formatPercentAgainst', () => {
  it('never shows a share below an at-least target as the target itself', () => {
    expect(formatPercentAgainst(0.499688, 0.5, false)).not.toBe('50.0%');
    expect(formatPercentAgainst(0.499688, 0.5, false)).toBe('49.97%');
    expect(formatPercentAgainst(0.4997, 0.5, false)).toBe('49.97%');
    expect(formatPercentAgainst(0.4995, 0.5, false)).toBe('49.95%');
    expect(formatPercentAgainst(0.49999, 0.5, false)).toBe('49.999%');
  });

  it('shows a share equal to a strict target as the target, and one just under it under it', () => {
    expect(formatPercentAgainst(0.6, 0.6, false)).toBe('60.0%');
    expect(formatPercentAgainst(0.59996, 0.6, false)).toBe('59.996%');
  });

  it('never shows a share meeting a strict target at or under it', () => {
    const shown = formatPercentAgainst(0.60004, 0.6, true);
    expect(parseFloat(shown)).toBeGreaterThan(60);
    expect(shown).toBe('60.004%');
    // Met at the target itself (≥): the target's figure; just above it, above it.
    expect(formatPercentAgainst(0.5, 0.5, true)).toBe('50.0%');
    expect(formatPercentAgainst(0.5004, 0.5, true)).toBe('50.04%');
  });

  it('leaves ordinary figures as formatPercent shows them', () => {
    expect(formatPercentAgainst(0.6302, 0.6, true)).toBe('63.0%');
    expect(formatPercentAgainst(0.41, 0.5, false)).toBe('41.0%');
    expect(formatPercentAgainst(0.5006, 0.5, true)).toBe('50.1%');
    expect(formatPercentAgainst(0.1, 0.2, false, 0)).toBe('10%');
    expect(formatPercentAgainst(null, 0.5, false)).toBe('—');
    // No verdict: nothing to contradict.
    expect(formatPercentAgainst(0.4997, 0.5, null)).toBe('50.0%');
  });

  it('cuts toward the verdict past the API precision', () => {
    expect(formatPercentAgainst(0.4999999, 0.5, false)).toBe('49.9999%');
    expect(formatPercentAgainst(0.6000001, 0.6, true)).toBe('60.0001%');
  });
});
