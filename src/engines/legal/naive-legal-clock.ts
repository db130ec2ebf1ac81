import type { LegalClockInput } from './types';

/**
 * The baseline the engine is measured and checked against: the same rules computed the obvious
 * way, by walking the calendar one day at a time with Date objects and scanning every list on
 * every day. Slow on purpose and simple enough to trust; the engine must give the same dates.
 *
 * @example naiveLegalClock(input, '2026-03-01') // { charge: '2026-04-10', review: '2026-03-07', pretrial: '2027-01-10', release: null, problems: [] }
 */
export function naiveLegalClock(
  input: LegalClockInput,
  today: string,
): {
  charge: string | null;
  review: string | null;
  pretrial: string | null;
  release: string | null;
  problems: string[];
} {
  const DAY = 86_400_000;
  const t = new Date(`${today}T00:00:00Z`);
  const fmt = (d: Date) => d.toISOString().slice(0, 10);
  const inForce = (day: Date) => {
    let best: LegalClockInput['bases'][number] | null = null;
    for (const b of input.bases) {
      const from = new Date(`${b.from}T00:00:00Z`);
      const to = b.to ? new Date(`${b.to}T00:00:00Z`) : null;
      if (from <= day && (!to || to > day) && (!best || b.from > best.from)) best = b;
    }
    return best;
  };
  const current = inForce(t);
  const problems: string[] = [];
  if (!current) problems.push('no_basis');
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  const rule = current
    ? (input.rules.find((r) => norm(r.basis) === norm(current.basis)) ??
      input.rules.find((r) => r.basis === '*') ??
      null)
    : null;
  const walk = (from: string, days: number) => {
    const d = new Date(`${from}T00:00:00Z`);
    for (let i = 0; i < days; i++) d.setTime(d.getTime() + DAY);
    return d;
  };
  let charge: string | null = null;
  let review: string | null = null;
  let pretrial: string | null = null;
  if (current && rule?.maxDaysBeforeCharge != null) {
    const due = walk(current.from, rule.maxDaysBeforeCharge);
    charge = fmt(due);
    if (!input.firstChargedOn && t > due) problems.push('charge_limit_passed');
  }
  if (current && rule?.reviewIntervalDays != null) {
    // Walk from the basis to today; every day a review was held restarts the interval.
    let last = new Date(`${current.from}T00:00:00Z`);
    for (let d = new Date(last); d <= t; d = new Date(d.getTime() + DAY))
      if (input.reviews.some((r) => r === fmt(d))) last = new Date(d);
    const due = walk(fmt(last), rule.reviewIntervalDays);
    review = fmt(due);
    if (t > due) problems.push('review_overdue');
  }
  const start =
    input.custodySince ??
    (input.bases.length ? [...input.bases].sort((a, b) => a.from.localeCompare(b.from))[0].from : null);
  if (rule?.maxPretrialDays != null && start) {
    const due = walk(start, rule.maxPretrialDays);
    pretrial = fmt(due);
    if (!input.verdictOn && t > due) problems.push('pretrial_limit_passed');
  }
  let release: string | null = null;
  if (input.sentences.length) {
    const sorted = [...input.sentences].sort(
      (a, b) => a.imposedOn.localeCompare(b.imposedOn) || a.id.localeCompare(b.id),
    );
    let end: Date | null = null;
    let first: Date | null = null;
    for (const s of sorted) {
      const own = new Date(`${s.startsOn}T00:00:00Z`);
      const begin: Date = s.consecutive && end && end > own ? new Date(end) : own;
      if (!first || begin < first) first = begin;
      // Years and months on the calendar, clamped to the month's last day, then days one by one.
      const y: number = begin.getUTCFullYear();
      const m: number = begin.getUTCMonth() + s.months + s.years * 12;
      const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
      let e: Date = new Date(Date.UTC(y, m, Math.min(begin.getUTCDate(), last)));
      for (let i = 0; i < s.days; i++) e = new Date(e.getTime() + DAY);
      if (!end || e > end) end = e;
    }
    const firstStart = sorted.reduce((a, b) => (b.startsOn < a.startsOn ? b : a)).startsOn;
    const credit =
      input.creditDays ??
      (start && start < firstStart ? Math.round((Date.parse(firstStart) - Date.parse(start)) / DAY) : 0);
    let r = new Date(end!);
    for (let i = 0; i < credit && r > first!; i++) r = new Date(r.getTime() - DAY);
    release = fmt(r);
    if (t > r) problems.push('held_past_release');
  }
  return { charge, review, pretrial, release, problems };
}
