import type { TFunction } from 'i18next';

/** One thing a teacher lacks for the next level, as the API gives it (the engine's `Missing`). */
export type MissingWords = {
  code?: string;
  message: string;
  quantity?: number;
  params?: Record<string, unknown>;
  /** An alternative: any `needed` of the items marked so will do. */
  one_of?: boolean;
  needed?: number;
  /** The API's plain English: shown only for a key the locale files do not hold. */
  text?: string;
};

/** A missing item in the screen's language, from its i18n key (`qualification.missing.*`);
 * English counts one day or year in the singular ("1 more year of teaching"). */
export function missingText(t: TFunction, item: MissingWords): string {
  return t(item.message, {
    defaultValue: item.text ?? item.code,
    quantity: item.quantity,
    ...(typeof item.quantity === 'number' ? { count: item.quantity } : {}),
    ...item.params,
  });
}
