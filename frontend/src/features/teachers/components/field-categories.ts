import type { TFunction } from 'i18next';

/** The 19 field categories (专业大类) of the 2021 national catalogue of vocational majors
 * (职业教育专业目录): API codes 41–59 (secondary-vocational 61–79 name the same ones). The
 * backend's teachers/categories.py is the source; the names live in the locale files under
 * `enums.fieldCategory.<code>` (Chinese in zh-CN, the catalogue's English in en). */
export const FIELD_CATEGORY_CODES: readonly string[] = Array.from({ length: 19 }, (_v, i) => String(41 + i));

const CODES = new Set(FIELD_CATEGORY_CODES);

/** The 41–59 code a code stands for (61–79 read as their 41–59 twin); undefined when none. */
function higherCode(code: string): string | undefined {
  const n = Number(code);
  const key = n >= 61 && n <= 79 ? String(n - 20) : code;
  return CODES.has(key) ? key : undefined;
}

/** "46 装备制造" / "46 Equipment Manufacturing" for a code, in the language of `t` (a component's
 * `useTranslation().t`, so the label follows the language switch); "—" when none is stated. */
export function fieldCategoryLabel(code: string | null | undefined, t: TFunction): string {
  if (!code) return '—';
  const key = higherCode(code);
  return key ? `${code} ${t(`enums.fieldCategory.${key}`)}` : code;
}

/** The 19 categories as select options, "code name" in the current language. */
export function fieldCategoryOptions(t: TFunction): { value: string; label: string }[] {
  return FIELD_CATEGORY_CODES.map((value) => ({ value, label: fieldCategoryLabel(value, t) }));
}
