/**
 * Every string the web app shows exists in English and Arabic: each key used in web/src
 * (`t('…')`, `labelKey: '…'`, `titleKey: '…'`) is in both languages, dynamic keys built from the
 * API's enumerations are too, and the two languages have exactly the same keys.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenKeys, mergeLocales } from '../../web/src/i18n/merge-locales';
import { ROLES } from '../../src/platform/auth/policy';

const WEB = path.resolve(import.meta.dirname, '../../web/src');
const LOCALES = path.join(WEB, 'i18n/locales');

/**
 * Keys the code builds at run time (`t(\`common.status.${s}\`)`), which the scan cannot see.
 * Add yours here when you build a key from a value.
 */
const DYNAMIC_KEYS: Record<string, readonly string[]> = {
  'common.roles': ROLES,
  'common.status': [
    'arriving',
    'in_custody',
    'released',
    'transferred_out',
    'repatriated',
    'escaped',
    'deceased',
    'merged',
  ],
  'common.legalStatus': ['untried', 'convicted'],
  'register-record.relations': ['mother', 'father', 'spouse', 'child', 'sibling', 'guardian', 'other'],
  'register-record.docTypes': ['passport', 'national_id', 'civil_registry', 'travel_document', 'other'],
  'common.ageCategory': ['adult', 'juvenile'],
  'common.sex': ['M', 'F'],
  'detainee.scripts': ['arabic', 'latin'],
  'detainee.nameKinds': ['legal', 'alias', 'kunya', 'transliteration'],
  'alerts.statuses': ['active', 'open', 'acknowledged', 'resolved'],
  'alerts.severities': ['info', 'warning', 'critical'],
  'audit.fields': ['subjectType', 'subjectId', 'actorId', 'action'],
  'users.states': ['active', 'disabled', 'locked'],
  'reports.by': ['nationality', 'site', 'status'],
  'incidents.types': [
    'drone_strike',
    'rocket_missile_strike',
    'drone_sighting',
    'explosive_device',
    'unrest',
    'riot',
    'hostage_taking',
    'escape',
    'attempted_escape',
    'assault',
    'death_in_custody',
    'serious_injury',
    'self_harm',
    'fire',
    'contraband_find',
    'use_of_force',
  ],
  'incidents.statuses': ['draft', 'submitted', 'under_review', 'closed'],
  'incidents.to': ['submitted', 'under_review', 'closed'],
  'incidents.roles': ['perpetrator', 'victim', 'witness', 'injured'],
  'incidents.injuries': ['none', 'minor', 'serious'],
  'incidents.postures': ['normal', 'heightened', 'lockdown'],
  'incidents.searches.kinds': ['cell', 'person', 'area'],
  'incidents.searches.itemTypes': ['phone', 'sim', 'charger', 'weapon', 'drugs', 'documents', 'other'],
  'incidents.searches.linkKinds': ['seized-device', 'common-number'],
  'incidents.searches.identifiers': ['imei', 'iccid', 'imsi', 'phoneNumber'],
  'incidents.section.kinds': ['family', 'lawyer', 'consul', 'icrc', 'other'],
  'incidents.section.contactStatuses': ['pending', 'approved', 'refused', 'revoked'],
  'incidents.section.modes': ['visit', 'call', 'letter'],
  'intake.status': ['preview', 'accepted', 'discarded'],
  'intake.counts': ['rows', 'new', 'linked', 'review', 'invalid', 'alreadyApplied'],
  'intake.arrivals.counts': ['expected', 'arrived', 'outstanding', 'missing', 'unexpected'],
  'intake.arrivals': ['handedOverBy', 'receivedBy', 'escort', 'place'],
  'intake.arrivals.matches': ['new', 'linked', 'review', 'unexpected'],
  'intake.arrivals.statuses': ['expected', 'arrived', 'missing'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** Strips comments, whose examples (`t('incidents.title')`) are not real uses. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  const patterns = [
    /\bt\(\s*'([^']+)'/g,
    /\bt\(\s*"([^"]+)"/g,
    /\bt\(\s*`([^`$]+)`/g,
    /\b(?:labelKey|titleKey):\s*'([^']+)'/g,
  ];
  for (const file of sourceFiles(WEB)) {
    const source = withoutComments(readFileSync(file, 'utf8'));
    for (const pattern of patterns)
      for (const match of source.matchAll(pattern)) used.set(match[1], path.relative(WEB, file));
  }
  return used;
}

function locales() {
  const files: Record<string, unknown> = {};
  for (const name of readdirSync(LOCALES))
    if (name.endsWith('.json')) files[name] = JSON.parse(readFileSync(path.join(LOCALES, name), 'utf8'));
  const merged = mergeLocales(files);
  return {
    files: Object.keys(files),
    en: new Set(flattenKeys(merged.en)),
    ar: new Set(flattenKeys(merged.ar)),
    merged,
  };
}

describe('web i18n', () => {
  const { files, en, ar } = locales();
  const used = usedKeys();

  it('finds the keys the code uses', () => {
    expect(used.size).toBeGreaterThan(100);
    expect(used.has('common.appName')).toBe(true);
  });

  it('every locale file has its pair in the other language', () => {
    for (const file of files) {
      const other = file.endsWith('.en.json')
        ? file.replace('.en.json', '.ar.json')
        : file.replace('.ar.json', '.en.json');
      expect(files, `${file} has no ${other}`).toContain(other);
    }
  });

  it('every key used in the code exists in English and Arabic', () => {
    const missing: string[] = [];
    for (const [key, file] of used) {
      if (!en.has(key)) missing.push(`en: ${key} (${file})`);
      if (!ar.has(key)) missing.push(`ar: ${key} (${file})`);
    }
    expect(missing).toEqual([]);
  });

  it('every dynamic key exists in English and Arabic', () => {
    const missing: string[] = [];
    for (const [prefix, values] of Object.entries(DYNAMIC_KEYS))
      for (const value of values) {
        const key = `${prefix}.${value}`;
        if (!en.has(key)) missing.push(`en: ${key}`);
        if (!ar.has(key)) missing.push(`ar: ${key}`);
      }
    expect(missing).toEqual([]);
  });

  it('English and Arabic have the same keys', () => {
    expect([...en].filter((k) => !ar.has(k)).sort()).toEqual([]);
    expect([...ar].filter((k) => !en.has(k)).sort()).toEqual([]);
  });

  it('Arabic strings are in Arabic, and keep the interpolations of the English ones', () => {
    const { merged } = locales();
    const value = (tree: unknown, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    const problems: string[] = [];
    for (const key of en) {
      const arText = value(merged.ar, key);
      const enVars = (value(merged.en, key).match(/\{\{\w+\}\}/g) ?? []).sort();
      const arVars = (arText.match(/\{\{\w+\}\}/g) ?? []).sort();
      if (enVars.join() !== arVars.join()) problems.push(`${key}: ${enVars.join()} ≠ ${arVars.join()}`);
      // Latin letters outside interpolations and country codes given as examples (IQ).
      const latin = arText.replace(/\{\{\w+\}\}/g, '').replace(/\b[A-Z]{2}\b/g, '');
      if (/[A-Za-z]/.test(latin)) problems.push(`${key}: Latin letters in Arabic "${arText}"`);
    }
    expect(problems).toEqual([]);
  });
});
