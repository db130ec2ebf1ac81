/**
 * Per-feature locale files, merged into one resource per language.
 *
 * EXTENSION POINT — adding strings for your feature:
 *   1. Create `web/src/i18n/locales/<feature>.en.json` and `<feature>.ar.json` (same keys in
 *      both; nest objects freely). Never edit another feature's files.
 *   2. Use the keys prefixed by the feature name: in `incidents.en.json`,
 *      `{ "title": "Incidents", "kind": { "drone": "Drone attack" } }` is
 *      `t('incidents.title')` and `t('incidents.kind.drone')`.
 *   3. tests/web/i18n.test.ts fails if a key used in `t('…')` is missing in either language,
 *      or if the two languages' key sets differ. Keys built at run time (`t(\`x.${v}\`)`) are
 *      not seen by that scan: list their values in the test's `DYNAMIC_KEYS`.
 *
 * Pure (no Vite, no DOM): the app feeds it `import.meta.glob`, the test feeds it files from disk.
 *
 * @example mergeLocales({ './locales/estate.en.json': { title: 'Estate' } }).en // { estate: { title: 'Estate' } }
 */

export const LANGUAGES = ['en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export type LocaleTree = { [key: string]: string | LocaleTree };

const FILE = /(?:^|\/)([a-z0-9-]+)\.(en|ar)\.json$/;

export function mergeLocales(files: Record<string, unknown>): Record<Language, LocaleTree> {
  const out: Record<Language, LocaleTree> = { en: {}, ar: {} };
  for (const [file, content] of Object.entries(files)) {
    const match = FILE.exec(file);
    if (!match) throw new Error(`locale file ${file} is not named <feature>.<en|ar>.json`);
    const [, feature, lang] = match;
    const tree = (
      content && typeof content === 'object' && 'default' in content
        ? (content as { default: unknown }).default
        : content
    ) as LocaleTree;
    if (out[lang as Language][feature]) throw new Error(`two locale files for ${feature}.${lang}`);
    out[lang as Language][feature] = tree;
  }
  return out;
}

/** Every leaf key of a tree, dotted: `{ a: { b: 'x' } }` → `['a.b']`. */
export function flattenKeys(tree: LocaleTree, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.push(path);
    else keys.push(...flattenKeys(value, path));
  }
  return keys;
}
