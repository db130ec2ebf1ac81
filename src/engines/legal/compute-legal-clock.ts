import { addDays, dayNumber, daysBetween, laterOf } from './calendar-days';
import { computeReleaseDate } from './compute-release-date';
import type {
  BasisPeriod,
  ClockProblem,
  Deadline,
  DeadlineKind,
  HoldingRule,
  LegalClock,
  LegalClockInput,
  ReasonStep,
} from './types';

/** The basis in force on a day: started on or before it, not yet ended. The latest start wins. */
export function basisInForce(bases: BasisPeriod[], today: string): BasisPeriod | null {
  let best: BasisPeriod | null = null;
  for (const b of bases) {
    if (b.from > today) continue;
    if (b.to !== null && b.to <= today) continue;
    if (best === null || b.from > best.from) best = b;
  }
  return best;
}

/** The rule for a basis: the one named like it (case and spacing ignored), else the default `*`, else none. */
export function ruleFor(rules: HoldingRule[], basis: string): HoldingRule | null {
  const key = normaliseBasis(basis);
  let fallback: HoldingRule | null = null;
  for (const r of rules) {
    const k = normaliseBasis(r.basis);
    if (k === key) return r;
    if (k === '*') fallback = r;
  }
  return fallback;
}

/** How basis names are compared: case and runs of spaces do not matter. */
export function normaliseBasis(basis: string): string {
  return basis.trim().toLowerCase().replace(/\s+/g, ' ');
}

function stateOf(date: string, today: string, warnDays: number): Deadline['state'] {
  if (today > date) return 'passed';
  return daysBetween(today, date) <= warnDays ? 'due_soon' : 'upcoming';
}

/**
 * A detainee's legal clock on a day: whether a valid legal basis holds them, the deadlines that
 * run (charge, next review, maximum pre-trial detention, release), each with the steps that
 * produced it, and every way the detention is unlawful today. Pure: the same input gives the
 * same clock on every screen, in the API and in the alert job.
 *
 * @example
 * computeLegalClock({ detaineeId: 'd1', custodySince: '2026-01-10', bases: [{ id: 'b', basis: 'judicial order', authority: 'Court 3', from: '2026-01-10', to: null }],
 *   rules: [{ basis: 'judicial order', maxDaysBeforeCharge: 90, reviewIntervalDays: 30, maxPretrialDays: 365, warnDaysBefore: 7 }],
 *   firstChargedOn: null, reviews: [], verdictOn: null, sentences: [] }, '2026-03-01')
 * // basis.status 'valid'; deadlines charge 2026-04-10, review 2026-02-09 (passed: review_overdue), pretrial 2027-01-10
 */
export function computeLegalClock(input: LegalClockInput, today: string): LegalClock {
  const problems: ClockProblem[] = [];
  const deadlines: Deadline[] = [];
  const current = basisInForce(input.bases, today);
  const basisSteps: ReasonStep[] = [];
  const rule = current ? ruleFor(input.rules, current.basis) : null;

  if (!current) {
    const last = input.bases.length
      ? input.bases.reduce((a, b) => ((b.to ?? '9999') > (a.to ?? '9999') ? b : a))
      : null;
    const since = last?.to ?? input.custodySince ?? today;
    basisSteps.push({
      rule: 'basis.none',
      text: last
        ? `No legal basis is in force on ${today}: the last, "${last.basis}" (${last.authority}), ended ${last.to ?? '—'}${last.from > today ? ` or starts only ${last.from}` : ''}.`
        : `No legal basis of detention has been recorded.`,
      date: since,
    });
    problems.push({ kind: 'no_basis', since: since > today ? today : since, steps: basisSteps });
  } else {
    basisSteps.push({
      rule: 'basis.in-force',
      text: `In force on ${today}: "${current.basis}" by ${current.authority}, from ${current.from}${current.to ? ` to ${current.to}` : ''}.`,
      date: current.from,
    });
    basisSteps.push(
      rule
        ? {
            rule: 'basis.rule',
            text: `Holding rule "${rule.basis}": charge within ${rule.maxDaysBeforeCharge ?? 'no limit'} days, review every ${rule.reviewIntervalDays ?? '— (none)'} days, pre-trial at most ${rule.maxPretrialDays ?? 'no limit'} days; warned ${rule.warnDaysBefore} days before.`,
          }
        : {
            rule: 'basis.no-rule',
            text: `No holding rule is configured for "${current.basis}" (nor a default): no limits are computed.`,
          },
    );
  }
  const warn = rule?.warnDaysBefore ?? 7;

  if (current && rule?.maxDaysBeforeCharge != null) {
    const date = addDays(current.from, rule.maxDaysBeforeCharge);
    const steps: ReasonStep[] = [
      {
        rule: 'charge.limit',
        text: `The basis began ${current.from}; a charge is due within ${rule.maxDaysBeforeCharge} days: by ${date}.`,
        date,
        days: rule.maxDaysBeforeCharge,
      },
    ];
    if (input.firstChargedOn) {
      const late = input.firstChargedOn > date;
      steps.push({
        rule: late ? 'charge.late' : 'charge.met',
        text: `Charged on ${input.firstChargedOn}${late ? `, ${daysBetween(date, input.firstChargedOn)} days after the limit` : ', within the limit'}.`,
        date: input.firstChargedOn,
      });
      deadlines.push({ kind: 'charge', date, state: 'met', warnFrom: addDays(date, -warn), steps });
    } else {
      const state = stateOf(date, today, warn);
      steps.push({ rule: 'charge.none', text: `No charge laid as of ${today}.` });
      deadlines.push({ kind: 'charge', date, state, warnFrom: addDays(date, -warn), steps });
      if (state === 'passed') problems.push({ kind: 'charge_limit_passed', since: addDays(date, 1), steps });
    }
  }

  if (current && rule?.reviewIntervalDays != null) {
    let last = current.from;
    for (const r of input.reviews) if (r >= current.from && r <= today && r > last) last = r;
    const date = addDays(last, rule.reviewIntervalDays);
    const steps: ReasonStep[] = [
      last === current.from
        ? { rule: 'review.from-basis', text: `No review since the basis began ${current.from}.`, date: last }
        : { rule: 'review.last', text: `Last review of the detention: ${last}.`, date: last },
      {
        rule: 'review.interval',
        text: `Reviews are due every ${rule.reviewIntervalDays} days: next by ${date}.`,
        date,
        days: rule.reviewIntervalDays,
      },
    ];
    const state = stateOf(date, today, warn);
    deadlines.push({ kind: 'review', date, state, warnFrom: addDays(date, -warn), steps });
    if (state === 'passed') problems.push({ kind: 'review_overdue', since: addDays(date, 1), steps });
  }

  const custodyStart =
    input.custodySince ??
    (input.bases.length ? input.bases.reduce((a, b) => (b.from < a.from ? b : a)).from : null);
  if (rule?.maxPretrialDays != null && custodyStart) {
    const date = addDays(custodyStart, rule.maxPretrialDays);
    const steps: ReasonStep[] = [
      {
        rule: 'pretrial.limit',
        text: `In custody since ${custodyStart}; pre-trial detention may last at most ${rule.maxPretrialDays} days: a verdict is due by ${date}.`,
        date,
        days: rule.maxPretrialDays,
      },
    ];
    if (input.verdictOn) {
      steps.push({
        rule: input.verdictOn > date ? 'pretrial.late' : 'pretrial.met',
        text: `Verdict given on ${input.verdictOn}${input.verdictOn > date ? ', after the limit' : ''}.`,
        date: input.verdictOn,
      });
      deadlines.push({ kind: 'pretrial', date, state: 'met', warnFrom: addDays(date, -warn), steps });
    } else {
      const state = stateOf(date, today, warn);
      deadlines.push({ kind: 'pretrial', date, state, warnFrom: addDays(date, -warn), steps });
      if (state === 'passed')
        problems.push({ kind: 'pretrial_limit_passed', since: addDays(date, 1), steps });
    }
  }

  let release: LegalClock['release'] = null;
  if (input.sentences.length) {
    const first = input.sentences.reduce((a, b) => (b.startsOn < a.startsOn ? b : a));
    let credit = input.creditDays ?? null;
    const creditSteps: ReasonStep[] = [];
    if (credit === null) {
      credit = custodyStart && custodyStart < first.startsOn ? daysBetween(custodyStart, first.startsOn) : 0;
      creditSteps.push({
        rule: 'credit.computed',
        text: custodyStart
          ? `Time served before the first sentence began: ${custodyStart} to ${first.startsOn}, ${credit} days.`
          : 'Custody start unknown: no credit computed.',
        days: credit,
      });
    } else
      creditSteps.push({
        rule: 'credit.ordered',
        text: `Credit for time served set by the court: ${credit} days.`,
        days: credit,
      });
    const r = computeReleaseDate(input.sentences, credit)!;
    release = { date: r.date, steps: [...creditSteps, ...r.steps] };
    // The release is due on its date: still held the day after is unlawful.
    const state = today > r.date ? 'passed' : daysBetween(today, r.date) <= warn ? 'due_soon' : 'upcoming';
    deadlines.push({
      kind: 'release',
      date: r.date,
      state,
      warnFrom: addDays(r.date, -warn),
      steps: release.steps,
    });
    if (state === 'passed')
      problems.push({ kind: 'held_past_release', since: addDays(r.date, 1), steps: release.steps });
  }

  const expired = problems.some((p) => p.kind === 'charge_limit_passed' || p.kind === 'review_overdue');
  return {
    detaineeId: input.detaineeId,
    today,
    basis: { status: current ? (expired ? 'expired' : 'valid') : 'none', current, rule, steps: basisSteps },
    deadlines: deadlines.sort(
      (a, b) => dayNumber(a.date) - dayNumber(b.date) || ORDER[a.kind] - ORDER[b.kind],
    ),
    release,
    problems,
  };
}

const ORDER: Record<DeadlineKind, number> = { charge: 0, review: 1, pretrial: 2, release: 3 };

/** The latest of some optional dates; for callers assembling an input. */
export const latest = (dates: (string | null)[]): string | null =>
  dates.reduce<string | null>((a, b) => laterOf(a, b), null);
