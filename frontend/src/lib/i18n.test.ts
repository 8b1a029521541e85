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

/** The names a text fills in: "{{count}} of {{total}}" → count,total. */
const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]))].sort().join(',');

describe('the two languages fill in the same things', () => {
  it('name the same placeholders in both ({{count}} in one is {{count}} in the other)', () => {
    // "one day" may spell its count out ("a day"); every other name must be the same.
    const names = (text: string, key: string) =>
      key.endsWith('_one') ? placeholders(text).replace(/(^|,)count(?=,|$)/, '') : placeholders(text);
    const wrong = english
      .map(([key, text]) => [key, names(text, key), names(chinese.get(key.replace(PLURAL_SUFFIX, '')) ?? '', key)])
      .filter(([, en, zh]) => en !== zh)
      .map(([key, en, zh]) => `${key}: en {${en}} zh {${zh}}`);
    expect(wrong).toEqual([]);
  });

  it('word English in English and Chinese in Chinese', () => {
    const cjk = /[\u3400-\u9fff]/;
    // The certificate's title is printed in Chinese on the English sheet too (its subtitle translates it).
    const chineseOnPurpose = new Set(['recognition.sheet.title']);
    const untranslated = english
      .filter(([key, text]) => cjk.test(text) && !/[A-Za-z]{3}/.test(text) && !chineseOnPurpose.has(key))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
    const bare = (text: string) => text.replace(/\{\{[^}]*\}\}|<[^>]*>/g, '');
    const englishInChinese = [...chinese]
      .filter(([, text]) => !cjk.test(text) && /[A-Za-z]{3}/.test(bare(text)))
      .map(([key]) => key);
    expect(englishInChinese).toEqual([]);
  });
});

describe('the keys the screens use', () => {
  // Every source file (not the tests, not the locales): a t('a.b') whose key is in neither
  // file shows the raw key to the reader.
  const sources = import.meta.glob(['/src/**/*.{ts,tsx}', '!/src/**/*.test.{ts,tsx}', '!/src/testing/**', '!/src/types/**'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>;
  const englishKeys = new Set(english.map(([key]) => key.replace(PLURAL_SUFFIX, '')));

  it('are found in the sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
  });

  it('are in both languages', () => {
    const missing: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      const used = [
        ...text.matchAll(/\bt\(\s*'([\w-]+(?:\.[\w-]+)+)'/g),
        ...text.matchAll(/\bi18nKey="([\w-]+(?:\.[\w-]+)+)"/g),
        // Keys kept in tables for a later t(...): nav items, headers.
        ...text.matchAll(/\blabel: '([a-z]\w*\.[\w.]+)'/g),
      ].map((m) => m[1]);
      for (const key of used)
        if (!chinese.has(key) || !englishKeys.has(key)) missing.push(`${file}: ${key}`);
    }
    expect(missing).toEqual([]);
  });
});
