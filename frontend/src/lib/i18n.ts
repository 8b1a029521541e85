import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

import { env } from '@/config/env';
import en from '@/locales/en.json';
import zhCN from '@/locales/zh-CN.json';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

/** Anything English-ish is English; everything else falls back to Chinese. */
export function normaliseLanguage(lng: string | undefined): Language {
  return lng && lng.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** The language the API is asked to answer in (Django's LocaleMiddleware reads the
 * Accept-Language header): the screen's, not the browser's, so that a refusal, an import's
 * wrong cells and a label the server words follow the language switch. */
export function apiLanguage(): string {
  return normaliseLanguage(i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'zh-Hans';
}

// Before init: the language found in storage is set during init, and <html lang> (which
// screen readers and the CJK font choice follow) must follow it on a reload too.
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = normaliseLanguage(lng);
});

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    fallbackLng: 'zh-CN',
    supportedLngs: ['zh-CN', 'en'],
    nonExplicitSupportedLngs: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // Chinese by default, English on the switch (the brief): the choice stored by the
    // switch, never the browser's own preference (headless Chromium and many office
    // machines report English).
    detection: {
      order: ['localStorage'],
      lookupLocalStorage: env.LANGUAGE_STORAGE_KEY,
      caches: ['localStorage'],
      convertDetectedLanguage: normaliseLanguage,
    },
  });

export default i18n;
