import { useSyncExternalStore } from 'react';

/** The person's "reduce motion" setting (Windows' "Show animations", macOS' and iOS'
 * "Reduce motion", Android's "Remove animations"). With it, antd's opening and closing
 * animations and the charts' entry animations are off (WCAG 2.3.3), and the browser does
 * not repaint at 60 frames a second for them. */
const QUERY = '(prefers-reduced-motion: reduce)';

function mediaQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null;
}

export function prefersReducedMotion(): boolean {
  return mediaQuery()?.matches ?? false;
}

function subscribe(onChange: () => void): () => void {
  const query = mediaQuery();
  query?.addEventListener?.('change', onChange);
  return () => query?.removeEventListener?.('change', onChange);
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReducedMotion, () => false);
}
