/**
 * Locale-aware formatting with Intl: numbers, dates, times, country names. Arabic uses Arabic
 * digits and month names on the Gregorian calendar.
 *
 * @example const f = useFormat(); f.number(25000); f.date('2026-03-01'); f.country('TR')
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formatter {
  locale: string;
  number(value: number): string;
  percent(value: number): string;
  /** A date, or a partial date of birth (`1987`, `1987-05`). */
  date(value: string | null | undefined): string;
  dateTime(value: string | null | undefined): string;
  country(code: string): string;
  /** `a, b, c` with the language's separator. */
  list(values: string[]): string;
}

/** The formatter for a language. */
export function formatterFor(lang: string): Formatter {
  const locale = lang === 'ar' ? 'ar-u-nu-arab-ca-gregory' : 'en-GB';
  const numberFormat = new Intl.NumberFormat(locale);
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dateFormat = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const monthFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const yearFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
  const listFormat = new Intl.ListFormat(locale, { type: 'unit', style: 'short' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  let regions: Intl.DisplayNames | null = null;
  try {
    regions = new Intl.DisplayNames([locale], { type: 'region' });
  } catch {
    regions = null;
  }
  return {
    locale,
    number: (value) => numberFormat.format(value),
    percent: (value) => percentFormat.format(value),
    date: (value) => {
      if (!value) return '—';
      if (/^\d{4}$/.test(value)) return yearFormat.format(new Date(`${value}-01-01T00:00:00Z`));
      if (/^\d{4}-\d{2}$/.test(value)) return monthFormat.format(new Date(`${value}-01T00:00:00Z`));
      const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
      return Number.isNaN(d.getTime()) ? value : dateFormat.format(d);
    },
    dateTime: (value) => {
      if (!value) return '—';
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? value : dateTimeFormat.format(d);
    },
    list: (values) => listFormat.format(values),
    country: (code) => {
      try {
        return regions?.of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
}

export function useFormat(): Formatter {
  const { i18n } = useTranslation();
  return useMemo(() => formatterFor(i18n.language), [i18n.language]);
}
