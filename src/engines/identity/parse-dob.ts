/** Dates of birth as registers hold them: full, year only, day and month swapped, a year off. */
import type { Evidence } from './types';

export interface ParsedDob {
  year: number;
  month?: number;
  day?: number;
}

/**
 * Parses "YYYY-MM-DD" or "YYYY"; anything else (or an impossible date) is null.
 *
 * @example parseDob('1987-07-23') // => { year: 1987, month: 7, day: 23 }
 * @example parseDob('1987') // => { year: 1987 }
 */
export function parseDob(s: string | undefined): ParsedDob | null {
  if (!s) return null;
  let m = /^(\d{4})$/.exec(s);
  if (m) return { year: Number(m[1]) };
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const year = Number(m[1]),
    month = Number(m[2]),
    day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > dim) return null;
  return { year, month, day };
}

/**
 * Weighs two dates of birth as evidence. A shared full date is strong (strangers share one about
 * once in 15,000 pairs); a shared year still says a lot when one side gives only the year (once in
 * 40 or so); a swapped day and month or a year off by one with the same day and month is a known
 * clerical slip; years far apart rule a match out.
 *
 * @example compareDob({ year: 1987, month: 7, day: 3 }, { year: 1987, month: 3, day: 7 })?.weight // => 6
 */
export function compareDob(a: ParsedDob | null, b: ParsedDob | null): Evidence | null {
  const c = dobCase(a, b);
  if (c === null || !a || !b) return null;
  const fmt = (d: ParsedDob) =>
    d.month
      ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
      : String(d.year);
  const message = c.message.replace('%d', String(Math.abs(a.year - b.year)));
  return {
    direction: c.weight >= 0 ? 'for' : 'against',
    field: 'dob',
    weight: c.weight,
    message: `${message} (${fmt(a)} / ${fmt(b)})`,
    ...(c.hard ? { hard: true } : {}),
  };
}

interface DobCase {
  weight: number;
  message: string;
  hard?: boolean;
}

const DOB_CASES = {
  farApart: { weight: -14, message: 'dates of birth %d years apart', hard: true },
  twoApart: { weight: -6, message: 'dates of birth two years apart' },
  same: { weight: 10, message: 'same date of birth' },
  swapped: { weight: 6, message: 'same date of birth with day and month swapped' },
  yearOff: { weight: 4, message: 'same day and month, year off by one' },
  sameMonth: { weight: -2, message: 'same year and month, different day' },
  sameYear: { weight: -4, message: 'same year, different day and month' },
  yearApart: { weight: -3, message: 'different dates of birth, a year apart' },
  sameYearPartial: { weight: 4, message: 'same year of birth (one date is a year only)' },
  nearYearPartial: { weight: 0, message: 'years of birth one apart (one date is a year only)' },
} satisfies Record<string, DobCase>;

/**
 * Which kind of agreement two dates of birth show, without building a message: the scoring hot
 * path uses its weight alone.
 *
 * @example dobCase({ year: 1987 }, { year: 1987, month: 7, day: 3 })?.weight // => 4
 */
export function dobCase(a: ParsedDob | null, b: ParsedDob | null): DobCase | null {
  if (!a || !b) return null;
  const fa = a.month !== undefined,
    fb = b.month !== undefined;
  const dy = Math.abs(a.year - b.year);
  if (dy >= 3) return DOB_CASES.farApart;
  if (dy === 2) return DOB_CASES.twoApart;
  if (fa && fb) {
    const sameMd = a.month === b.month && a.day === b.day;
    const swapped = a.month === b.day && a.day === b.month;
    if (dy === 0 && sameMd) return DOB_CASES.same;
    if (dy === 0 && swapped) return DOB_CASES.swapped;
    if (dy === 1 && sameMd) return DOB_CASES.yearOff;
    if (dy === 0 && a.month === b.month) return DOB_CASES.sameMonth;
    if (dy === 0) return DOB_CASES.sameYear;
    return DOB_CASES.yearApart;
  }
  return dy === 0 ? DOB_CASES.sameYearPartial : DOB_CASES.nearYearPartial;
}
