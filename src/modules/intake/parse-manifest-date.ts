/**
 * Dates as other authorities write them: ISO (2019-03-07, 2019-03, 2019), day first with slashes,
 * dots or dashes (07/03/2019, 7.3.2019, 7-3-2019), month-year (03/2019, 3.2019), year only, in
 * Western or Arabic-Indic digits, sometimes marked approximate ("c. 1987", "~1987", "حوالي 1987").
 * The result is a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD), as precise as the input.
 */
export type DateResult = { ok: true; value: string } | { ok: false; reason: string };

const ARABIC_INDIC = /[\u0660-\u0669\u06F0-\u06F9]/g;
const APPROX = /^(?:c\.|ca\.|circa|approx\.?|about|~|حوالي|حوالى|تقريبا|تقريباً)\s*/i;

function digitsToAscii(text: string): string {
  return text.replace(ARABIC_INDIC, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/**
 * Reads one date. Day-first is the only order accepted for numeric dates with a separator other
 * than ISO's, as in every authority the service deals with; a month above 12 is refused rather than
 * guessed.
 *
 * @example parseManifestDate('7.3.2019') // => { ok: true, value: '2019-03-07' }
 * @example parseManifestDate('03/2019')  // => { ok: true, value: '2019-03' }
 * @example parseManifestDate('31/02/2019') // => { ok: false, reason: '31/02/2019 is not a calendar day' }
 */
export function parseManifestDate(raw: string, today?: string): DateResult {
  const text = digitsToAscii(raw.trim()).replace(APPROX, '').trim();
  if (!text) return { ok: false, reason: 'is empty' };
  let y: number;
  let m: number | null = null;
  let d: number | null = null;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.]+Z?)?$/.exec(text))) {
    y = Number(match[1]);
    m = match[2] ? Number(match[2]) : null;
    d = match[3] ? Number(match[3]) : null;
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text))) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else if ((match = /^(\d{1,2})[/.-](\d{4})$/.exec(text))) {
    m = Number(match[1]);
    y = Number(match[2]);
  } else {
    return {
      ok: false,
      reason: `"${raw}" is not a date (use YYYY-MM-DD, DD/MM/YYYY, D.M.YYYY, MM/YYYY or YYYY)`,
    };
  }
  if (y < 1900 || y > 2100) return { ok: false, reason: `"${raw}": year ${y} is out of range` };
  if (m !== null && (m < 1 || m > 12)) return { ok: false, reason: `"${raw}": month ${m} does not exist` };
  if (d !== null && m !== null) {
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCDate() !== d) return { ok: false, reason: `"${raw}" is not a calendar day` };
  }
  const value = [
    String(y),
    m !== null ? String(m).padStart(2, '0') : null,
    d !== null ? String(d).padStart(2, '0') : null,
  ]
    .filter((p): p is string => p !== null)
    .join('-');
  if (today && value.slice(0, today.length) > today.slice(0, value.length))
    return { ok: false, reason: `"${raw}" is in the future` };
  return { ok: true, value };
}
