import { describe, expect, it } from 'vitest';

import { fieldCategoryLabel } from './field-categories';

describe('fieldCategoryLabel', () => {
  it('names a higher-vocational code, its secondary twin, and says — when unstated', () => {
    expect(fieldCategoryLabel('46')).toBe('46 装备制造');
    expect(fieldCategoryLabel('66')).toBe('66 装备制造');
    expect(fieldCategoryLabel(null)).toBe('—');
    expect(fieldCategoryLabel('')).toBe('—');
    expect(fieldCategoryLabel('99')).toBe('99');
  });
});
