import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';

import { jobOutcome } from './job-text';

const commit = (result: Record<string, unknown>) => ({ kind: 'imports.commit', status: 'succeeded', result }) as Parameters<typeof jobOutcome>[0];

describe('an import commit on my jobs', () => {
  it('says how many rows were already up to date, when some were (a re-import)', async () => {
    const t = i18n.t.bind(i18n);
    expect(jobOutcome(commit({ status: 'committed', created: 0, updated: 1, unchanged: 242 }), t)).toBe('新增 0 条，更新 1 条，242 条未变');
    expect(jobOutcome(commit({ status: 'committed', created: 5, updated: 0, unchanged: 0 }), t)).toBe('新增 5 条，更新 0 条');
    await i18n.changeLanguage('en');
    expect(jobOutcome(commit({ status: 'committed', created: 0, updated: 1, unchanged: 242 }), i18n.t.bind(i18n))).toBe('0 added, 1 updated, 242 unchanged');
  });
});
