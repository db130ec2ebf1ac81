/**
 * i18next set-up: the merged locale files (see ./merge-locales.ts for how to add yours), the
 * persisted language choice, and the page direction: Arabic sets `<html dir="rtl" lang="ar">`.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language, mergeLocales } from './merge-locales';

const files = import.meta.glob('./locales/*.json', { eager: true });
const resources = mergeLocales(files);

const STORAGE_KEY = 'custodia.language';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  } catch {
    // Storage may be disabled; fall back to the browser's language.
  }
  return navigator.language?.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

function applyDirection(lang: string): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = i18next.t('common.appName');
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: resources.en }, ar: { translation: resources.ar } },
  lng: initialLanguage(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyDirection(i18next.language);
i18next.on('languageChanged', (lang) => {
  applyDirection(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted; the choice holds for this page.
  }
});

/** Switches the language of the whole app (persisted in this browser). */
export function setLanguage(lang: Language): void {
  void i18next.changeLanguage(lang);
}

export { i18next };
