import { BadRequest } from '../../platform/errors';
import type { NameInput } from '../register';
import { parseCsv, CsvError } from './parse-csv';
import { parseManifestDate } from './parse-manifest-date';
import { resolveNationality } from './resolve-nationality';

/** Custodia's own manifest columns (docs/formats/transfer-manifest.md). */
export const MANIFEST_FIELDS = [
  'manifest_row',
  'manifest_id',
  'family_name',
  'given_names',
  'full_name',
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
] as const;
export type ManifestField = (typeof MANIFEST_FIELDS)[number];

/** Columns a file must have (and one of the two names). */
const REQUIRED: ManifestField[] = ['manifest_id', 'sex', 'nationalities', 'legal_status'];
const NAME_FIELDS: ManifestField[] = ['family_name', 'given_names', 'full_name', 'name_ar'];

/** How a sending authority's file maps to ours: its column header → our field; values it spells its own way. */
export interface ManifestMapping {
  columns: Record<string, ManifestField>;
  /** Extra spellings of values, e.g. `{ sex: { "ذ": "M" } }`; the common ones are built in. */
  values?: Partial<Record<'sex' | 'legal_status' | 'age_category', Record<string, string>>>;
}

export interface RowError {
  /** 1-based data row (the header is not counted; in JSON, the position in the array). */
  row: number;
  field: ManifestField | 'row';
  reason: string;
}

/** One manifest row, read and normalised: what intake will put on the register. */
export interface ManifestRow {
  row: number;
  /** The sending authority's number for the person (`manifest_id`): the key of the row. */
  manifestNo: string;
  /** The row's own number on the paper manifest (`manifest_row`), or its position. */
  manifestRow: number;
  names: NameInput[];
  sex: 'M' | 'F';
  dob: string | null;
  nationalities: string[];
  motherName: string | null;
  legalStatus: 'untried' | 'convicted';
  ageCategory: 'adult' | 'juvenile';
  arrestDate: string | null;
  arrestPlace: string | null;
  sendingAuthority: string | null;
  sendingReference: string | null;
  originFacility: string | null;
  remarks: string | null;
}

export interface ManifestReading {
  format: 'csv' | 'json';
  /** Manifest identifier and sending authority when the file itself carries them (JSON envelope). */
  manifestId: string | null;
  sendingAuthority: string | null;
  rowCount: number;
  /** Valid rows only. */
  rows: ManifestRow[];
  errors: RowError[];
  /** Columns of the file that map to nothing (reported, not refused). */
  ignoredColumns: string[];
}

const SEX: Record<string, 'M' | 'F'> = {
  m: 'M',
  male: 'M',
  man: 'M',
  ذكر: 'M',
  ذ: 'M',
  f: 'F',
  female: 'F',
  woman: 'F',
  انثى: 'F',
  أنثى: 'F',
};
const LEGAL: Record<string, 'untried' | 'convicted'> = {
  untried: 'untried',
  remand: 'untried',
  'pre-trial': 'untried',
  accused: 'untried',
  موقوف: 'untried',
  متهم: 'untried',
  'قيد التحقيق': 'untried',
  convicted: 'convicted',
  sentenced: 'convicted',
  محكوم: 'convicted',
  مدان: 'convicted',
};
const AGE: Record<string, 'adult' | 'juvenile'> = {
  adult: 'adult',
  juvenile: 'juvenile',
  minor: 'juvenile',
  بالغ: 'adult',
  حدث: 'juvenile',
  قاصر: 'juvenile',
};

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LATIN = /[A-Za-z\u00C0-\u024F]/;
const LIST = /\s*[;؛|]\s*|\s+\/\s+/;
/** A nom de guerre written among the aliases: "Abu Imad al-Iraqi", "Umm Khalid", "أبو عماد". */
const KUNYA = /^(?:abu|abou|abo|umm|um|أبو|ابو|أم|ام)\s/i;

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/\bAl-/g, 'al-');
}

/**
 * Text of an uploaded file: UTF-8 only (a byte-order mark is dropped); anything else is refused
 * before a single row is read, since a wrongly decoded Arabic name would match nobody.
 *
 * @example decodeManifest(Buffer.from('manifest_id\nX-1\n')) // => 'manifest_id\nX-1\n'
 */
export function decodeManifest(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BadRequest('file: is not UTF-8 text (save the manifest as UTF-8)', 'file');
  }
  return text;
}

/**
 * Reads a whole manifest (CSV or JSON), maps its columns, checks every row and reports every
 * problem with its row, field and reason. File-level problems (not CSV or JSON, a required column
 * missing) throw `BadRequest`: nothing can be read, so nothing is reported row by row.
 *
 * @example readManifest('manifest_id,given_names,family_name,sex,nationalities,legal_status,age_category\nX-1,Ali,Hasan,M,IQ,untried,adult\n', { today: '2026-03-01' }).rows.length // => 1
 */
export function readManifest(
  text: string,
  options: { format?: 'csv' | 'json'; mapping?: ManifestMapping | null; today: string },
): ManifestReading {
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (content.includes('\u0000')) throw new BadRequest('file: is a binary file, not CSV or JSON', 'file');
  const trimmed = content.trimStart();
  const format = options.format ?? (trimmed.startsWith('[') || trimmed.startsWith('{') ? 'json' : 'csv');
  let objects: Record<string, unknown>[];
  let manifestId: string | null = null;
  let sendingAuthority: string | null = null;
  let headers: string[];
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (e) {
      throw new BadRequest(`file: is not valid JSON (${(e as Error).message})`, 'file');
    }
    let list: unknown = parsed;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const env = parsed as Record<string, unknown>;
      list = env.rows;
      if (typeof env.manifestId === 'string') manifestId = env.manifestId;
      if (typeof env.sendingAuthority === 'string') sendingAuthority = env.sendingAuthority;
    }
    if (!Array.isArray(list) || list.some((r) => !r || typeof r !== 'object' || Array.isArray(r)))
      throw new BadRequest(
        'file: JSON must be an array of row objects, or { "manifestId", "rows": [...] }',
        'file',
      );
    objects = list as Record<string, unknown>[];
    headers = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  } else {
    let records: string[][];
    try {
      records = parseCsv(content, detectDelimiter(content)).records;
    } catch (e) {
      throw new BadRequest(`file: is not valid CSV (${(e as CsvError).message})`, 'file');
    }
    if (records.length === 0) throw new BadRequest('file: is empty', 'file');
    headers = records[0].map((h) => h.trim());
    objects = records.slice(1).map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])));
  }

  const fieldOf = new Map<string, ManifestField>();
  const ignoredColumns: string[] = [];
  for (const h of headers) {
    const mapped =
      options.mapping?.columns[h] ??
      ((MANIFEST_FIELDS as readonly string[]).includes(h) ? (h as ManifestField) : undefined);
    if (mapped) fieldOf.set(h, mapped);
    else ignoredColumns.push(h);
  }
  const present = new Set(fieldOf.values());
  const missing: string[] = REQUIRED.filter((f) => !present.has(f));
  if (!NAME_FIELDS.some((f) => present.has(f))) missing.push('family_name/given_names/full_name/name_ar');
  if (missing.length)
    throw new BadRequest(
      `file: missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${options.mapping ? '' : ' (a foreign layout needs a saved mapping)'}`,
      'file',
    );

  const rows: ManifestRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  objects.forEach((obj, index) => {
    const row = index + 1;
    const value: Partial<Record<ManifestField, unknown>> = {};
    for (const [h, f] of fieldOf)
      if (obj[h] !== undefined && obj[h] !== null && obj[h] !== '') value[f] = obj[h];
    const result = readRow(row, value, options.mapping ?? null, options.today);
    if (result.manifestNo) {
      const first = seen.get(result.manifestNo);
      if (first !== undefined)
        result.errors.push({
          row,
          field: 'manifest_id',
          reason: `"${result.manifestNo}" is already on row ${first}`,
        });
      else seen.set(result.manifestNo, row);
    }
    if (result.errors.length) errors.push(...result.errors);
    else rows.push(result.parsed!);
  });
  return { format, manifestId, sendingAuthority, rowCount: objects.length, rows, errors, ignoredColumns };
}

function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n/) === -1 ? text.length : text.search(/\r?\n/));
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

function str(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(String).join(';');
  const s = String(v).trim();
  return s === '' ? null : s;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  const s = str(v);
  return s ? s.split(LIST).filter(Boolean) : [];
}

function lookup<T extends string>(
  raw: string,
  builtIn: Record<string, T>,
  extra: Record<string, string> | undefined,
  allowed: readonly T[],
): T | null {
  const k = raw.trim().toLowerCase();
  const fromMapping = extra?.[raw.trim()] ?? extra?.[k];
  if (fromMapping && (allowed as readonly string[]).includes(fromMapping)) return fromMapping as T;
  return builtIn[k] ?? null;
}

function readRow(
  row: number,
  v: Partial<Record<ManifestField, unknown>>,
  mapping: ManifestMapping | null,
  today: string,
): { manifestNo: string | null; parsed?: ManifestRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: ManifestField, reason: string) => errors.push({ row, field, reason });

  const manifestNo = str(v.manifest_id);
  if (!manifestNo) fail('manifest_id', 'is required');
  else if (manifestNo.length > 60) fail('manifest_id', 'is longer than 60 characters');
  let manifestRow = row;
  const rowRaw = str(v.manifest_row);
  if (rowRaw) {
    if (!/^\d{1,7}$/.test(rowRaw)) fail('manifest_row', `"${rowRaw}" is not a row number`);
    else manifestRow = Number(rowRaw);
  }

  const names: NameInput[] = [];
  const isLatin = (t: string) => !ARABIC.test(t) && LATIN.test(t);
  const isArabic = (t: string) => ARABIC.test(t) && !LATIN.test(t);
  let latin: string | null = null;
  const full = str(v.full_name);
  const family = str(v.family_name);
  const given = str(v.given_names);
  if (full) {
    // "SURNAME, Given" as many authorities write it: the family name is moved to the end.
    const comma = full.indexOf(',');
    latin =
      comma > 0
        ? `${titleCase(full.slice(comma + 1).trim())} ${titleCase(full.slice(0, comma).trim())}`.trim()
        : full;
    if (!isLatin(latin)) fail('full_name', `"${full}" is not written in Latin script`);
  } else if (family || given) {
    latin = [given, family].filter(Boolean).join(' ');
    if (family && !isLatin(family)) fail('family_name', `"${family}" is not written in Latin script`);
    if (given && !isLatin(given)) fail('given_names', `"${given}" is not written in Latin script`);
  }
  const arabic = str(v.name_ar);
  if (!latin && !arabic) fail('given_names', 'a name in Latin or Arabic script is required');
  if (latin && isLatin(latin)) names.push({ name: latin, script: 'latin', kind: 'legal' });
  if (arabic) {
    if (!isArabic(arabic)) fail('name_ar', `"${arabic}" is not written in Arabic script`);
    else names.push({ name: arabic, script: 'arabic', kind: 'legal' });
  }
  for (const [field, kind] of [
    ['aliases', 'alias'],
    ['kunya', 'kunya'],
  ] as const) {
    for (const name of list(v[field])) {
      const script =
        ARABIC.test(name) && !LATIN.test(name)
          ? 'arabic'
          : LATIN.test(name) && !ARABIC.test(name)
            ? 'latin'
            : null;
      if (!script) fail(field, `"${name}" is not written in Latin or Arabic script`);
      else if (name.length > 200) fail(field, `"${name.slice(0, 20)}…" is longer than 200 characters`);
      else names.push({ name, script, kind: kind === 'alias' && KUNYA.test(name) ? 'kunya' : kind });
    }
  }

  const sexRaw = str(v.sex);
  const sex = sexRaw ? lookup(sexRaw, SEX, mapping?.values?.sex, ['M', 'F'] as const) : null;
  if (!sexRaw) fail('sex', 'is required');
  else if (!sex) fail('sex', `"${sexRaw}" is not M or F`);

  let dob: string | null = null;
  const dobRaw = str(v.dob);
  if (dobRaw) {
    const d = parseManifestDate(dobRaw, today);
    if (d.ok) dob = d.value;
    else fail('dob', d.reason);
  }

  const nationalities: string[] = [];
  const natRaw = list(v.nationalities);
  if (natRaw.length === 0) fail('nationalities', 'at least one nationality is required');
  for (const n of natRaw) {
    const code = resolveNationality(n);
    if (!code) fail('nationalities', `"${n}" is not a known country code or name`);
    else if (!nationalities.includes(code)) nationalities.push(code);
  }
  if (nationalities.length > 5) fail('nationalities', 'more than 5 nationalities');

  const legalRaw = str(v.legal_status);
  const legalStatus = legalRaw
    ? lookup(legalRaw, LEGAL, mapping?.values?.legal_status, ['untried', 'convicted'] as const)
    : null;
  if (!legalRaw) fail('legal_status', 'is required');
  else if (!legalStatus) fail('legal_status', `"${legalRaw}" is not untried or convicted`);

  const ageRaw = str(v.age_category);
  let ageCategory = ageRaw
    ? lookup(ageRaw, AGE, mapping?.values?.age_category, ['adult', 'juvenile'] as const)
    : null;
  if (ageRaw && !ageCategory) fail('age_category', `"${ageRaw}" is not adult or juvenile`);
  if (!ageRaw) {
    // Without a stated category the date of birth decides; the earliest day it allows is taken,
    // so a person born "2008" is not called a juvenile when they may be eighteen already.
    if (dob) ageCategory = ageOn(dob, today) >= 18 ? 'adult' : 'juvenile';
    else if (!errors.some((e) => e.field === 'dob'))
      fail('age_category', 'is required when the date of birth is unknown');
  }

  let arrestDate: string | null = null;
  const arrestRaw = str(v.arrest_date);
  if (arrestRaw) {
    const d = parseManifestDate(arrestRaw, today);
    if (d.ok) arrestDate = d.value;
    else fail('arrest_date', d.reason);
  }
  if (dob && arrestDate && arrestDate < dob) fail('arrest_date', 'is before the date of birth');

  const textField = (field: ManifestField, max: number): string | null => {
    const s = str(v[field]);
    if (s && s.length > max) {
      fail(field, `is longer than ${max} characters`);
      return null;
    }
    return s;
  };
  const motherName = textField('mother_name', 200);
  const arrestPlace = textField('arrest_place', 300);
  const sendingAuthority = textField('sending_authority', 200);
  const sendingReference = textField('sending_reference', 100);
  const originFacility = textField('origin_facility', 200);
  const remarks = textField('remarks', 2000);

  if (errors.length) return { manifestNo, errors };
  return {
    manifestNo,
    errors,
    parsed: {
      row,
      manifestNo: manifestNo!,
      manifestRow,
      names,
      sex: sex!,
      dob,
      nationalities,
      motherName,
      legalStatus: legalStatus!,
      ageCategory: ageCategory!,
      arrestDate,
      arrestPlace,
      sendingAuthority,
      sendingReference,
      originFacility,
      remarks,
    },
  };
}

/** Whole years from the earliest day a partial date allows to `today` (YYYY-MM-DD). */
function ageOn(partial: string, today: string): number {
  const [y, m = '01', d = '01'] = partial.split('-');
  const [ty, tm, td] = today.split('-').map(Number);
  let age = ty - Number(y);
  if (tm < Number(m) || (tm === Number(m) && td < Number(d))) age--;
  return age;
}
