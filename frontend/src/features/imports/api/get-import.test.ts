import { describe, expect, it } from 'vitest';

import { importPollMs } from './get-import';

describe('importPollMs', () => {
  it('asks often in the first seconds of a status, then less and less', () => {
    expect(importPollMs(0)).toBe(100);
    expect(importPollMs(1_999)).toBe(100);
    expect(importPollMs(2_000)).toBe(250);
    expect(importPollMs(19_999)).toBe(250);
    expect(importPollMs(20_000)).toBe(1_000);
    expect(importPollMs(600_000)).toBe(1_000);
  });
});
