import { toCsv } from '../platform/csv';
import { COUNTRY_BY_CODE } from './demo-countries';
import type { ManifestRow } from './generate-demo';

/** Custodia's own manifest columns, in order (docs/formats/transfer-manifest.md). */
export const MANIFEST_COLUMNS = [
  'manifest_row',
  'manifest_id',
  'family_name',
  'given_names',
  'name_ar',
  'aliases',
  'kunya',
  'sex',
  'dob',
  'nationalities',
  'mother_name',
  'legal_status',
  'age_category',
  'arrest_date',
  'arrest_place',
  'sending_authority',
  'sending_reference',
  'origin_facility',
  'remarks',
] as const satisfies readonly (keyof ManifestRow)[];

/**
 * The manifest in Custodia's columns with ISO dates.
 *
 * @example manifestCsv(plan.manifest).split('\r\n')[0] // 'manifest_row,manifest_id,family_name,…'
 */
export function manifestCsv(rows: ManifestRow[]): string {
  return toCsv(
    MANIFEST_COLUMNS,
    rows.map((r) => MANIFEST_COLUMNS.map((c) => r[c])),
  );
}

/** The sending authority's own layout: bilingual headers, "SURNAME, Given", day-first dates. */
export const FOREIGN_COLUMNS = [
  'No.',
  'رقم المحتجز / Detainee ID',
  'FULL NAME (SURNAME, Given)',
  'الاسم الكامل',
  'Alias / الكنية',
  'Gender',
  'Date of Birth',
  'الجنسية / Nationality',
  'اسم الأم',
  'Legal situation',
  'Minor (Y/N)',
  'Date of capture',
  'Place of capture',
  'Holding facility',
  'Transfer ref.',
] as const;

/** DD/MM/YYYY for a whole date, MM/YYYY for a month, the year alone for a year. */
function dayFirst(date: string): string {
  const [y, m, d] = date.split('-');
  return d ? `${d}/${m}/${y}` : m ? `${m}/${y}` : y;
}

/**
 * The same people as `manifestCsv`, as the foreign authority writes them.
 *
 * @example foreignManifestCsv(plan.manifest).split('\r\n')[1] // '1,ERDA-…,"AL-JUBOURI, Husayn Ali",…'
 */
export function foreignManifestCsv(rows: ManifestRow[]): string {
  return toCsv(
    FOREIGN_COLUMNS,
    rows.map((r) => {
      const surname = r.family_name.toUpperCase();
      const full = surname && r.given_names ? `${surname}, ${r.given_names}` : surname || r.given_names;
      const aliases = [r.kunya, r.aliases].filter(Boolean).join(' / ');
      return [
        r.manifest_row,
        r.manifest_id,
        full,
        r.name_ar,
        aliases,
        r.sex === 'M' ? 'Male' : 'Female',
        dayFirst(r.dob),
        COUNTRY_BY_CODE.get(r.nationalities)?.name ?? r.nationalities,
        r.mother_name,
        r.legal_status === 'untried' ? 'Pre-trial' : 'Sentenced',
        r.age_category === 'juvenile' ? 'Y' : 'N',
        dayFirst(r.arrest_date),
        r.arrest_place,
        r.origin_facility,
        r.sending_reference,
      ];
    }),
  );
}
