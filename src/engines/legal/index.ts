/**
 * The legal engine: pure (no I/O). Every screen, the API and the alert job ask it, so no two
 * places disagree about a detainee's dates.
 *
 * - `computeLegalClock(input, today)`: basis in force (valid / none / expired), deadlines
 *   (charge, review, pre-trial, release) each with `state` and the `steps` that produced it, and
 *   the `problems` that make the detention unlawful today.
 * - `computeReleaseDate(sentences, creditDays)`: concurrent and consecutive sentences, credit for
 *   time served, with the reasoning.
 * - Calendar helpers on `YYYY-MM-DD` days: `addDays`, `addLength`, `daysBetween`, `isCalendarDate`.
 *
 * @example
 * const clock = computeLegalClock(input, '2026-03-01');
 * clock.deadlines.map((d) => `${d.kind} ${d.date} ${d.state}`);
 */
export { computeLegalClock, basisInForce, ruleFor, normaliseBasis, latest } from './compute-legal-clock';
export { computeReleaseDate, sentenceProblem } from './compute-release-date';
export { naiveLegalClock } from './naive-legal-clock';
export { syntheticLegalInputs } from './synthetic-legal-inputs';
export {
  addDays,
  addLength,
  dayNumber,
  dayDate,
  daysBetween,
  isCalendarDate,
  laterOf,
} from './calendar-days';
export type * from './types';
