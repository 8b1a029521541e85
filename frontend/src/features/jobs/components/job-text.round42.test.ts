import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';

import { hasMarkedRows, isRefusedCheck, jobOutcome } from './job-text';

type JobArg = Parameters<typeof jobOutcome>[0];
const check = (result: Record<string, unknown>, message = '') =>
  ({ kind: 'imports.validate', status: 'succeeded', result, message }) as JobArg;
const NO_HEADERS = '没有找到模板表头的工作表：缺少 姓名、身份证号。';

// Round 42 (QA): a check that refused the file before any row (no template headers, an empty
// sheet) read "0 行有错误" with a marked-workbook button, as if nothing were wrong.
describe('an import check that refused the whole file', () => {
  it('says why, with no marked workbook to download', () => {
    const t = i18n.t.bind(i18n);
    const refused = check({ status: 'invalid', rows: 0, failed: 0 }, NO_HEADERS);
    expect(jobOutcome(refused, t)).toBe(NO_HEADERS);
    expect(isRefusedCheck(refused)).toBe(true);
    expect(hasMarkedRows(refused)).toBe(false);
    expect(jobOutcome(check({ status: 'invalid', rows: 0, failed: 0 }), t)).toBe('文件无法导入');
  });

  it('still counts the rows with errors, which the marked workbook lists', async () => {
    const wrong = check({ status: 'invalid', rows: 600, failed: 3 });
    expect(jobOutcome(wrong, i18n.t.bind(i18n))).toBe('3 行有错误');
    expect(hasMarkedRows(wrong)).toBe(true);
    expect(isRefusedCheck(check({ status: 'valid', rows: 600, failed: 0 }))).toBe(false);
    await i18n.changeLanguage('en');
    try {
      expect(jobOutcome(check({ status: 'invalid', rows: 0, failed: 0 }), i18n.t.bind(i18n))).toBe('The file could not be imported');
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});
