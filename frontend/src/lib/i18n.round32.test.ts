import { afterEach, describe, expect, it, vi } from 'vitest';

import { env } from '@/config/env';

/** A fresh copy of the app's i18n set-up, as a first page load would run it. */
async function firstLoad() {
  vi.resetModules();
  const { default: fresh } = await import('./i18n');
  return fresh;
}

describe('the language on a first visit', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  // "Chinese by default, English on a switch": a browser (or headless Chromium) that prefers
  // English opened the app in English until someone chose Chinese.
  it('is Chinese whatever language the browser prefers', async () => {
    localStorage.clear();
    vi.stubGlobal('navigator', { ...navigator, language: 'en-US', languages: ['en-US', 'en'] });
    const i18n = await firstLoad();
    expect(i18n.language).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('is English once English was chosen on the switch', async () => {
    localStorage.setItem(env.LANGUAGE_STORAGE_KEY, 'en');
    const i18n = await firstLoad();
    expect(i18n.language).toBe('en');
  });
});
