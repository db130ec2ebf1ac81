/**
 * Gregorian calendar days as integers (days since 1970-01-01, UTC). Legal deadlines count whole
 * days, so the engine never touches time zones or clock times: it works on `YYYY-MM-DD` text and
 * these day numbers, which also keeps 50,000 detainees' clocks cheap to compute.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real Gregorian day written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const n = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(n).getUTCDate() === Number(m[3]) && new Date(n).getUTCMonth() === Number(m[2]) - 1;
}

/**
 * The day number of a `YYYY-MM-DD` date (a longer ISO time is cut to its date).
 *
 * @example dayNumber('1970-01-02') // 1
 */
export function dayNumber(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * The `YYYY-MM-DD` of a day number.
 *
 * @example dayDate(1) // '1970-01-02'
 */
export function dayDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Adds days to a date.
 *
 * @example addDays('2026-02-27', 2) // '2026-03-01'
 */
export function addDays(date: string, days: number): string {
  return dayDate(dayNumber(date) + days);
}

/**
 * Days from `a` to `b` (negative when `b` is earlier).
 *
 * @example daysBetween('2026-01-01', '2026-03-01') // 59
 */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/**
 * Adds a length of years, months and days as a court counts it: years and months on the
 * calendar (31 January plus one month is the last day of February), then days.
 *
 * @example addLength('2026-01-31', { years: 0, months: 1, days: 0 }) // '2026-02-28'
 */
export function addLength(date: string, length: { years: number; months: number; days: number }): string {
  let y = Number(date.slice(0, 4));
  let m = Number(date.slice(5, 7)) - 1 + length.months + length.years * 12;
  y += Math.floor(m / 12);
  m = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Math.min(Number(date.slice(8, 10)), lastDay);
  return dayDate(Date.UTC(y, m, d) / 86_400_000 + length.days);
}

/** The later of two dates (either may be missing). */
export function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}
