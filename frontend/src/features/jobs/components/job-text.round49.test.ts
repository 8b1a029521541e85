import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';

import { finishedCheck, hasMarkedRows, isRefusedCheck, jobOutcome } from './job-text';

type JobArg = Parameters<typeof jobOutcome>[0] & Parameters<typeof finishedCheck>[0];
const commit = (result: Record<string, unknown>, message = '') =>
  ({ kind: 'imports.commit', status: 'succeeded', result, message, link: '/api/v1/imports/13/' }) as JobArg;

// Round 49 (QA): a commit that refused rows (broken since the check) read as its bare message,
// with no errors to open and no marked workbook, unlike a check that refused them.
describe('an import commit that refused rows', () => {
  it('is refused, with rows marked, and opens its upload', () => {
    const refused = commit({ status: 'invalid', failed: 2 }, '请修改错误后重新上传文件：本次未导入任何数据。');
    expect(jobOutcome(refused, i18n.t.bind(i18n))).toBe('导入时发现 2 行有错误，未导入任何数据');
    expect(isRefusedCheck(refused)).toBe(true);
    expect(hasMarkedRows(refused)).toBe(true);
    expect(finishedCheck(refused)).toBe(13);
  });

  it('leaves a commit that succeeded as it was', () => {
    const done = commit({ status: 'committed', created: 6, updated: 0, unchanged: 0 });
    expect(isRefusedCheck(done)).toBe(false);
    expect(hasMarkedRows(done)).toBe(false);
    expect(finishedCheck(done)).toBeNull();
  });
});
