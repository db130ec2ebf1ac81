/** One step of reasoning behind a date: which rule, what it says, and the figures it used. */
export interface ReasonStep {
  /** A stable name for the rule applied, e.g. `basis.in-force`, `sentence.consecutive`, `credit.clamp`. */
  rule: string;
  /** The step in words, with its dates, for a screen or a report. */
  text: string;
  /** The date this step arrived at, when it arrived at one. */
  date?: string;
  /** The number of days it counted, when it counted some. */
  days?: number;
}

/** Holding limits for one kind of legal basis (the basis text as the register writes it). `*` is the default. */
export interface HoldingRule {
  basis: string;
  /** Days from the start of the basis by which a charge must be laid (null: no limit). */
  maxDaysBeforeCharge: number | null;
  /** A judicial review of the detention is due this many days after the basis began or the last review. */
  reviewIntervalDays: number | null;
  /** Days from the start of custody to a verdict (null: no limit). */
  maxPretrialDays: number | null;
  /** Deadlines are raised this many days before they pass. */
  warnDaysBefore: number;
}

export interface BasisPeriod {
  id: string;
  basis: string;
  authority: string;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD the basis ended (exclusive: a basis ending on a day is not in force that day), or null. */
  to: string | null;
}

export interface SentenceInput {
  id: string;
  /** The day the sentence was passed (orders consecutive sentences). */
  imposedOn: string;
  /** The day it begins to run when served on its own (concurrently). */
  startsOn: string;
  years: number;
  months: number;
  days: number;
  /** Runs after the sentences before it end, rather than alongside them. */
  consecutive: boolean;
}

export interface LegalClockInput {
  detaineeId: string;
  /** The day custody began (arrest, else admission), or null when unknown. */
  custodySince: string | null;
  bases: BasisPeriod[];
  /** The configured rules; the one whose basis matches (case-insensitive) applies, else `*`. */
  rules: HoldingRule[];
  /** The earliest day a charge was laid on any of the detainee's cases, or null. */
  firstChargedOn: string | null;
  /** Days on which a court reviewed the detention (held review hearings). */
  reviews: string[];
  /** The day of the first verdict (the end of pre-trial detention), or null. */
  verdictOn: string | null;
  sentences: SentenceInput[];
  /** Days of credit for time served fixed by the court; null: computed from custodySince. */
  creditDays?: number | null;
}

export type DeadlineKind = 'charge' | 'review' | 'pretrial' | 'release';
/** met: done in time (or late, then said so); upcoming; due_soon: within the warning days; passed: not done and overdue. */
export type DeadlineState = 'met' | 'upcoming' | 'due_soon' | 'passed';

export interface Deadline {
  kind: DeadlineKind;
  date: string;
  state: DeadlineState;
  /** From this day the deadline is raised as an alert. */
  warnFrom: string;
  steps: ReasonStep[];
}

export type ProblemKind =
  'no_basis' | 'charge_limit_passed' | 'review_overdue' | 'pretrial_limit_passed' | 'held_past_release';

/** A way in which the detention is unlawful today. */
export interface ClockProblem {
  kind: ProblemKind;
  /** The first day the detention stopped being lawful on this count. */
  since: string;
  steps: ReasonStep[];
}

export interface LegalClock {
  detaineeId: string;
  today: string;
  basis: {
    /** valid: in force and within its limits; none: nothing in force today; expired: in force but past a limit. */
    status: 'valid' | 'none' | 'expired';
    current: BasisPeriod | null;
    rule: HoldingRule | null;
    steps: ReasonStep[];
  };
  deadlines: Deadline[];
  release: { date: string; steps: ReasonStep[] } | null;
  problems: ClockProblem[];
}
