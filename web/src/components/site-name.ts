import type { Site } from '../api';

/** A site's name in the page's language (sites carry an English and an Arabic name). */
export function siteName(site: Pick<Site, 'name' | 'nameAr'>, lang: string): string {
  return lang === 'ar' && site.nameAr ? site.nameAr : site.name;
}
