import { afterEach, describe, expect, it } from 'vitest';

import i18n from '@/lib/i18n';

import { FIELD_CATEGORY_CODES, fieldCategoryLabel, fieldCategoryOptions } from './field-categories';

const t = i18n.t.bind(i18n);

describe('fieldCategoryLabel', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('names a higher-vocational code, its secondary twin, and says — when unstated', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(fieldCategoryLabel('46', t)).toBe('46 装备制造');
    expect(fieldCategoryLabel('66', t)).toBe('66 装备制造');
    expect(fieldCategoryLabel(null, t)).toBe('—');
    expect(fieldCategoryLabel('', t)).toBe('—');
    expect(fieldCategoryLabel('99', t)).toBe('99');
  });

  it('uses the English names of the 2021 catalogue on the English switch', async () => {
    await i18n.changeLanguage('en');
    expect(fieldCategoryLabel('41', t)).toBe('41 Agriculture, Forestry, Animal Husbandry and Fishery');
    expect(fieldCategoryLabel('46', t)).toBe('46 Equipment Manufacturing');
    expect(fieldCategoryLabel('71', t)).toBe('71 Electronics and Information');
    expect(fieldCategoryLabel('59', t)).toBe('59 Public Administration and Services');
    expect(fieldCategoryLabel(undefined, t)).toBe('—');
    expect(fieldCategoryLabel('99', t)).toBe('99');
  });

  it('offers the 19 categories in order, each named in both languages (no missing key)', async () => {
    expect(FIELD_CATEGORY_CODES).toEqual(Array.from({ length: 19 }, (_v, i) => String(41 + i)));
    await i18n.changeLanguage('zh-CN');
    const zh = fieldCategoryOptions(t);
    expect(zh.map((o) => o.value)).toEqual(FIELD_CATEGORY_CODES);
    expect(zh[0]).toEqual({ value: '41', label: '41 农林牧渔' });
    expect(zh[18]).toEqual({ value: '59', label: '59 公共管理与服务' });
    await i18n.changeLanguage('en');
    const en = fieldCategoryOptions(t);
    expect(en[5]).toEqual({ value: '46', label: '46 Equipment Manufacturing' });
    for (const [i, option] of en.entries()) {
      expect(option.label).not.toMatch(/enums\.|[\u4e00-\u9fff]/);
      expect(option.label).not.toBe(zh[i].label);
    }
    for (const option of zh) expect(option.label).toMatch(/^\d\d [\u4e00-\u9fff]+$/);
  });
});
