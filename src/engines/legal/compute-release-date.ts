import { addDays, addLength, dayNumber, daysBetween } from './calendar-days';
import type { ReasonStep, SentenceInput } from './types';

function lengthText(s: { years: number; months: number; days: number }): string {
  const parts = [];
  if (s.years) parts.push(`${s.years} year${s.years === 1 ? '' : 's'}`);
  if (s.months) parts.push(`${s.months} month${s.months === 1 ? '' : 's'}`);
  if (s.days || parts.length === 0) parts.push(`${s.days} day${s.days === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** Why a sentence cannot be computed, or null. Lengths are whole, non-negative and not all zero. */
export function sentenceProblem(s: Pick<SentenceInput, 'years' | 'months' | 'days'>): string | null {
  for (const k of ['years', 'months', 'days'] as const) {
    if (!Number.isInteger(s[k])) return `${k}: must be a whole number`;
    if (s[k] < 0) return `${k}: a sentence cannot have a negative length`;
  }
  if (s.years === 0 && s.months === 0 && s.days === 0) return 'years: the sentence has no length';
  return null;
}

/**
 * The release date from one or more sentences and the credit for time served, with the reasoning.
 *
 * Sentences are taken in the order they were imposed. A concurrent sentence runs from its own
 * start; a consecutive one starts when the sentences before it have all ended (or at its own start,
 * if later). The term ends at the latest end; the credit (days already served in custody before
 * the sentences ran) comes off that end, but never brings release before the first sentence began.
 *
 * @example
 * computeReleaseDate([{ id: 'a', imposedOn: '2026-01-10', startsOn: '2026-01-10', years: 2, months: 0, days: 0, consecutive: false }], 30)
 * // { date: '2027-12-11', steps: [...] }
 */
export function computeReleaseDate(
  sentences: SentenceInput[],
  creditDays: number,
): { date: string; steps: ReasonStep[] } | null {
  if (sentences.length === 0) return null;
  const ordered = [...sentences].sort((a, b) =>
    a.imposedOn < b.imposedOn ? -1 : a.imposedOn > b.imposedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const steps: ReasonStep[] = [];
  let end: string | null = null;
  let firstStart: string | null = null;
  for (const [i, s] of ordered.entries()) {
    const start: string = s.consecutive && end !== null && end > s.startsOn ? end : s.startsOn;
    const ends = addLength(start, s);
    if (firstStart === null || start < firstStart) firstStart = start;
    const label = `Sentence ${i + 1} (${lengthText(s)}, imposed ${s.imposedOn})`;
    if (s.consecutive && i > 0)
      steps.push({
        rule: 'sentence.consecutive',
        text: `${label} runs consecutively: it starts ${start === s.startsOn ? `on its own start ${start}, after the earlier sentences ended` : `when the earlier sentences end, ${start}`} and ends ${ends}.`,
        date: ends,
      });
    else
      steps.push({
        rule: i === 0 ? 'sentence.first' : 'sentence.concurrent',
        text: `${label} ${i === 0 ? 'runs' : 'runs concurrently'} from ${start} and ends ${ends}.`,
        date: ends,
      });
    if (end === null || ends > end) end = ends;
  }
  const termEnd = end!;
  if (ordered.length > 1)
    steps.push({
      rule: 'sentence.aggregate',
      text: `The sentences together end on ${termEnd}, the latest end.`,
      date: termEnd,
    });
  const credit = Math.max(0, Math.floor(creditDays));
  if (credit === 0) {
    steps.push({ rule: 'credit.none', text: 'No credit for time served.', date: termEnd, days: 0 });
    return { date: termEnd, steps };
  }
  const credited = addDays(termEnd, -credit);
  if (dayNumber(credited) < dayNumber(firstStart!)) {
    steps.push({
      rule: 'credit.clamp',
      text: `Credit of ${credit} days exceeds the ${daysBetween(firstStart!, termEnd)} days to be served: release on the day the sentence began, ${firstStart}.`,
      date: firstStart!,
      days: credit,
    });
    return { date: firstStart!, steps };
  }
  steps.push({
    rule: 'credit.time-served',
    text: `Credit of ${credit} days for time served brings release from ${termEnd} to ${credited}.`,
    date: credited,
    days: credit,
  });
  return { date: credited, steps };
}
