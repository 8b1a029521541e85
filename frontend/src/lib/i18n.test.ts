import { describe, expect, it } from 'vitest';

import en from '@/locales/en.json';
import zhCN from '@/locales/zh-CN.json';

import i18n from './i18n';

type Tree = { [key: string]: string | Tree };

/** Every text's key, "a.b.c", with its text. */
function texts(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : texts(value, `${prefix}${key}.`),
  );
}

const PLURAL_SUFFIX = /_(one|other)$/;
const english = texts(en as Tree);
const chinese = new Map(texts(zhCN as Tree));

describe('the two languages', () => {
  it('have the same texts (English adds only its singulars)', () => {
    const keys = english.map(([key]) => key.replace(PLURAL_SUFFIX, ''));
    expect([...new Set(keys)].sort()).toEqual([...chinese.keys()].sort());
  });

  it('count one thing in the singular in English: "1 day", never "1 days"', () => {
    // Every text that takes a count, read with a count of one (and its other figures).
    const counted = english.filter(
      ([key, text]) => !PLURAL_SUFFIX.test(key) && (text.includes('{{count}}') || text.includes('{{quantity}}')),
    );
    expect(counted.length).toBeGreaterThan(20);
    const plural = /\b1 (more )?[a-z]+s\b/;
    const wrong = counted
      .map(([key]) => i18n.t(key, { lng: 'en', count: 1, quantity: 1, total: 4, target: '60%' }))
      .filter((text) => plural.test(text));
    expect(wrong).toEqual([]);
    expect(i18n.t('checklist.lackYears', { lng: 'en', count: 1 })).toBe('1 more year of teaching');
    expect(i18n.t('checklist.lackYears', { lng: 'en', count: 2 })).toBe('2 more years of teaching');
    expect(i18n.t('checklist.lackYears', { lng: 'zh-CN', count: 1 })).toBe(chinese.get('checklist.lackYears')?.replace('{{count}}', '1'));
  });
});
