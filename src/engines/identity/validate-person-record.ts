/** Input validation for person records: every problem named by record, line and field. */
import { detectScript } from './parse-name';
import { parseDob } from './parse-dob';
import type { PersonRecord } from './types';

export interface ValidationError {
  /** 1-based line number in the input file, when the record came from one. */
  line?: number;
  id?: string;
  field: string;
  message: string;
}

export type ValidationResult = { ok: true; record: PersonRecord } | { ok: false; errors: ValidationError[] };

/** ISO 3166-1 alpha-2 assigned codes (plus XK for Kosovo, used by many registries). */
const ISO_ALPHA2 = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK'
  ).split(' '),
);

/**
 * Validates one raw record (as parsed from JSON). Returns the typed record, or every error found.
 *
 * @example validatePersonRecord({ id: 'R1', names: [] }, 3)
 *   // => { ok: false, errors: [{ line: 3, id: 'R1', field: 'names', message: 'at least one name is required' }] }
 */
export function validatePersonRecord(raw: unknown, line?: number): ValidationResult {
  const errors: ValidationError[] = [];
  const at = (field: string, message: string, id?: string) =>
    errors.push({
      ...(line !== undefined ? { line } : {}),
      ...(id !== undefined ? { id } : {}),
      field,
      message,
    });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    at('record', 'not a JSON object');
    return { ok: false, errors };
  }
  const r = raw as Record<string, unknown>;
  const id = typeof r.id === 'string' && r.id.trim() ? r.id : undefined;
  if (id === undefined) at('id', 'a non-empty string id is required');
  if (!Array.isArray(r.names) || r.names.length === 0) at('names', 'at least one name is required', id);
  else
    r.names.forEach((n, i) => {
      if (typeof n !== 'string' || !n.trim())
        return at(`names[${i}]`, 'a name must be a non-empty string', id);
      const script = detectScript(n);
      if (script === 'none') at(`names[${i}]`, `"${n}" has no letters`, id);
      else if (script === 'mixed')
        at(`names[${i}]`, `"${n}" mixes scripts in one name; give each script as its own name`, id);
      else if (script === 'unknown')
        at(
          `names[${i}]`,
          `"${n}" is in a script the matcher does not read (Latin, Arabic and Cyrillic are)`,
          id,
        );
    });
  if (r.sex !== undefined && r.sex !== 'M' && r.sex !== 'F')
    at('sex', `"${String(r.sex)}" is not "M" or "F"`, id);
  if (r.dob !== undefined && (typeof r.dob !== 'string' || !parseDob(r.dob)))
    at('dob', `"${String(r.dob)}" is not a date "YYYY-MM-DD" or a year "YYYY"`, id);
  if (r.nationality !== undefined) {
    if (!Array.isArray(r.nationality)) at('nationality', 'must be a list of ISO 3166-1 alpha-2 codes', id);
    else
      r.nationality.forEach((c, i) => {
        if (typeof c !== 'string' || !ISO_ALPHA2.has(c))
          at(`nationality[${i}]`, `"${String(c)}" is not an ISO 3166-1 alpha-2 country code`, id);
      });
  }
  if (r.motherName !== undefined) {
    if (typeof r.motherName !== 'string') at('motherName', 'must be a string', id);
    else if (r.motherName.trim() && ['mixed', 'unknown'].includes(detectScript(r.motherName)))
      at('motherName', `"${r.motherName}" mixes scripts or uses a script the matcher does not read`, id);
  }
  if (errors.length) return { ok: false, errors };
  const record: PersonRecord = { id: id!, names: r.names as string[] };
  if (r.sex !== undefined) record.sex = r.sex as 'M' | 'F';
  if (r.dob !== undefined) record.dob = r.dob as string;
  if (r.nationality !== undefined) record.nationality = r.nationality as string[];
  if (r.motherName !== undefined) record.motherName = r.motherName as string;
  return { ok: true, record };
}

/** Formats an error for people: "line 3, record R1, field dob: ...". */
export function formatValidationError(e: ValidationError): string {
  return (
    [
      e.line !== undefined ? `line ${e.line}` : null,
      e.id !== undefined ? `record ${e.id}` : null,
      `field ${e.field}`,
    ]
      .filter(Boolean)
      .join(', ') + `: ${e.message}`
  );
}
