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
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > dim) return null;
  return { year, month, day };
}

/**
 * Weighs two dates of birth as evidence. A shared full date is strong; a swapped day and month
 * or a year off by one with the same day and month is a known clerical slip; years far apart
 * rule a match out.
 *
 * @example compareDob({ year: 1987, month: 7, day: 3 }, { year: 1987, month: 3, day: 7 })?.weight // => 4
 */
export function compareDob(a: ParsedDob | null, b: ParsedDob | null): Evidence | null {
  if (!a || !b) return null;
  const fa = a.month !== undefined, fb = b.month !== undefined;
  const dy = Math.abs(a.year - b.year);
  const fmt = (d: ParsedDob) => (d.month ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` : String(d.year));
  const both = `${fmt(a)} / ${fmt(b)}`;
  const ev = (weight: number, message: string, hard = false): Evidence => ({
    direction: weight >= 0 ? 'for' : 'against', field: 'dob', weight, message: `${message} (${both})`, ...(hard ? { hard } : {}),
  });
  if (dy >= 3) return ev(-14, `dates of birth ${dy} years apart`, true);
  if (dy === 2) return ev(-6, 'dates of birth two years apart');
  if (fa && fb) {
    const sameMd = a.month === b.month && a.day === b.day;
    const swapped = a.month === b.day && a.day === b.month;
    if (dy === 0 && sameMd) return ev(7, 'same date of birth');
    if (dy === 0 && swapped) return ev(4, 'same date of birth with day and month swapped');
    if (dy === 1 && sameMd) return ev(2.5, 'same day and month, year off by one');
    if (dy === 0 && a.month === b.month) return ev(-2, 'same year and month, different day');
    if (dy === 0) return ev(-4, 'same year, different day and month');
    return ev(-3, 'different dates of birth, a year apart');
  }
  if (dy === 0) return ev(1.5, 'same year of birth (one date is a year only)');
  return ev(0, 'years of birth one apart (one date is a year only)');
}
