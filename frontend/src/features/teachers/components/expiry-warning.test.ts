import { describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';

import type { Qualification } from '../types/teacher';
import { expiryWarning, expiryWords } from './expiry-warning';

const t = (key: string, params?: Record<string, unknown>) => i18n.t(key, params) as string;
const level = (code: string) => i18n.t(`enums.qualificationLevel.${code}`) as string;
const same = (value: string) => value;

const q = (over: Partial<Qualification>): Qualification => ({
  level: 'junior', qualified: true, reasons: [], valid_until: '2027-03-01', level_after: 'none', ...over,
});

const words = (over: Partial<Qualification>) => {
  const warning = expiryWarning(q(over));
  return warning && expiryWords(warning, t, same, level);
};

describe('expiry warning', () => {
  it('says the teacher loses dual qualification only when the level drops to none', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(words({ level: 'junior', level_after: 'none' })).toBe('将于 2027-03-01 失去双师资格');
    expect(words({ level: 'intermediate', level_after: 'junior' })).toBe('2027-03-01 起降为初级');
    expect(words({ level: 'senior', level_after: 'intermediate' })).toBe('2027-03-01 起降为中级');
  });

  it('says nothing when the level rises or never changes', () => {
    expect(words({ level: 'junior', level_after: 'intermediate' })).toBeNull();
    expect(words({ level: 'none', qualified: false, level_after: 'junior' })).toBeNull();
    expect(words({ valid_until: null, level_after: null })).toBeNull();
  });

  it('reads in English too', async () => {
    await i18n.changeLanguage('en');
    expect(words({ level: 'intermediate', level_after: 'junior' })).toBe('Drops to Junior from 2027-03-01');
    await i18n.changeLanguage('zh-CN');
  });
});
