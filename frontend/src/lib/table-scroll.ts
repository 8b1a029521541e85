import { useIsPhone } from './breakpoints';

/**
 * A list table's `scroll`: on a desktop at least `x` pixels wide (columns share the rest);
 * on a phone as wide as its content, so that each row stays one line and the table scrolls
 * sideways inside its card (squeezed to `x`, names, headers and dates broke over two or
 * three lines). For tables of short cells (names, codes, dates, tags), not of free text.
 */
export function useTableScroll(x: number): { x: number | 'max-content' } {
  return { x: useIsPhone() ? 'max-content' : x };
}
