import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addLength,
  computeLegalClock,
  computeReleaseDate,
  daysBetween,
  isCalendarDate,
  naiveLegalClock,
  sentenceProblem,
  syntheticLegalInputs,
  type HoldingRule,
  type LegalClockInput,
  type SentenceInput,
} from '../../../src/engines/legal';

const RULES: HoldingRule[] = [
  {
    basis: 'judicial order',
    maxDaysBeforeCharge: 90,
    reviewIntervalDays: 30,
    maxPretrialDays: 365,
    warnDaysBefore: 7,
  },
  {
    basis: 'sentence',
    maxDaysBeforeCharge: null,
    reviewIntervalDays: null,
    maxPretrialDays: null,
    warnDaysBefore: 14,
  },
  { basis: '*', maxDaysBeforeCharge: 30, reviewIntervalDays: null, maxPretrialDays: null, warnDaysBefore: 7 },
];

const base = (over: Partial<LegalClockInput> = {}): LegalClockInput => ({
  detaineeId: 'd1',
  custodySince: '2026-01-10',
  bases: [
    { id: 'b1', basis: 'judicial order', authority: 'Investigating Court 3', from: '2026-01-10', to: null },
  ],
  rules: RULES,
  firstChargedOn: null,
  reviews: [],
  verdictOn: null,
  sentences: [],
  ...over,
});

const s = (
  id: string,
  startsOn: string,
  years: number,
  months = 0,
  days = 0,
  consecutive = false,
  imposedOn = startsOn,
): SentenceInput => ({
  id,
  imposedOn,
  startsOn,
  years,
  months,
  days,
  consecutive,
});

describe('calendar', () => {
  it.each([
    ['2026-01-31', { years: 0, months: 1, days: 0 }, '2026-02-28'],
    ['2024-02-29', { years: 1, months: 0, days: 0 }, '2025-02-28'],
    ['2026-01-10', { years: 5, months: 0, days: 0 }, '2031-01-10'],
    ['2026-11-15', { years: 0, months: 3, days: 10 }, '2027-02-25'],
  ])('addLength(%s, %o) = %s', (from, len, want) => expect(addLength(from, len)).toBe(want));
  it('knows a calendar day', () => {
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-13-01')).toBe(false);
  });
});

describe('legal clock: a table of cases', () => {
  const cases: {
    name: string;
    input: LegalClockInput;
    today: string;
    want: Record<string, string>;
    status: string;
    problems: string[];
  }[] = [
    {
      name: 'fresh judicial order: all upcoming',
      input: base(),
      today: '2026-01-20',
      want: { charge: '2026-04-10 upcoming', review: '2026-02-09 upcoming', pretrial: '2027-01-10 upcoming' },
      status: 'valid',
      problems: [],
    },
    {
      name: 'review due within the warning days',
      input: base(),
      today: '2026-02-03',
      want: { review: '2026-02-09 due_soon' },
      status: 'valid',
      problems: [],
    },
    {
      name: 'review overdue: the basis has expired',
      input: base(),
      today: '2026-02-10',
      want: { review: '2026-02-09 passed' },
      status: 'expired',
      problems: ['review_overdue'],
    },
    {
      name: 'a held review moves the next one',
      input: base({ reviews: ['2026-02-05', '2026-03-01'] }),
      today: '2026-02-20',
      want: { review: '2026-03-07 upcoming' },
      status: 'valid',
      problems: [],
    },
    {
      name: 'charged in time: the charge deadline is met',
      input: base({ firstChargedOn: '2026-03-01', reviews: ['2026-04-01', '2026-04-25'] }),
      today: '2026-05-01',
      want: { charge: '2026-04-10 met', review: '2026-05-25 upcoming' },
      status: 'valid',
      problems: [],
    },
    {
      name: 'no charge past the limit',
      input: base({ reviews: ['2026-04-01', '2026-04-25'] }),
      today: '2026-04-11',
      want: { charge: '2026-04-10 passed' },
      status: 'expired',
      problems: ['charge_limit_passed'],
    },
    {
      name: 'no basis recorded at all',
      input: base({ bases: [] }),
      today: '2026-01-20',
      want: {},
      status: 'none',
      problems: ['no_basis'],
    },
    {
      name: 'the basis ended yesterday',
      input: base({
        bases: [
          { id: 'b1', basis: 'judicial order', authority: 'Court 3', from: '2026-01-10', to: '2026-01-19' },
        ],
      }),
      today: '2026-01-20',
      want: {},
      status: 'none',
      problems: ['no_basis'],
    },
    {
      name: 'an unknown basis falls back to the default rule',
      input: base({
        bases: [
          { id: 'b1', basis: 'Transfer Agreement', authority: 'Ministry', from: '2026-01-10', to: null },
        ],
      }),
      today: '2026-01-20',
      want: { charge: '2026-02-09 upcoming' },
      status: 'valid',
      problems: [],
    },
    {
      name: 'pre-trial limit passed without a verdict',
      input: base({ firstChargedOn: '2026-02-01', reviews: ['2027-01-05'] }),
      today: '2027-01-11',
      want: { pretrial: '2027-01-10 passed' },
      status: 'valid',
      problems: ['pretrial_limit_passed'],
    },
    {
      name: 'sentence with credit for time served',
      input: base({
        bases: [{ id: 'b2', basis: 'sentence', authority: 'Criminal Court 1', from: '2026-06-01', to: null }],
        verdictOn: '2026-05-20',
        firstChargedOn: '2026-02-01',
        sentences: [s('x', '2026-06-01', 2)],
      }),
      today: '2026-07-01',
      // 2 years from 2026-06-01 = 2028-06-01, minus 142 days served since 2026-01-10.
      want: { release: '2028-01-11 upcoming' },
      status: 'valid',
      problems: [],
    },
    {
      name: 'held past the release date',
      input: base({
        bases: [{ id: 'b2', basis: 'sentence', authority: 'Criminal Court 1', from: '2026-06-01', to: null }],
        verdictOn: '2026-05-20',
        sentences: [s('x', '2026-06-01', 0, 1)],
        creditDays: 0,
      }),
      today: '2026-07-05',
      want: { release: '2026-07-01 passed' },
      status: 'valid',
      problems: ['held_past_release'],
    },
  ];
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const clock = computeLegalClock(c.input, c.today);
    const got = Object.fromEntries(clock.deadlines.map((d) => [d.kind, `${d.date} ${d.state}`]));
    for (const [k, v] of Object.entries(c.want)) expect(got[k], k).toBe(v);
    expect(clock.basis.status).toBe(c.status);
    expect(clock.problems.map((p) => p.kind).sort()).toEqual([...c.problems].sort());
    for (const d of clock.deadlines) expect(d.steps.length, `${d.kind} has its reasoning`).toBeGreaterThan(0);
  });
});

describe('release date: a table of cases', () => {
  it.each([
    ['one sentence', [s('a', '2026-01-10', 2)], 0, '2028-01-10', ['sentence.first', 'credit.none']],
    [
      'two concurrent: the longer decides',
      [s('a', '2026-01-10', 2), s('b', '2026-03-01', 1)],
      0,
      '2028-01-10',
      ['sentence.first', 'sentence.concurrent', 'sentence.aggregate', 'credit.none'],
    ],
    [
      'two consecutive: the second starts when the first ends',
      [s('a', '2026-01-10', 2), s('b', '2026-03-01', 1, 0, 0, true)],
      0,
      '2029-01-10',
      ['sentence.first', 'sentence.consecutive', 'sentence.aggregate', 'credit.none'],
    ],
    [
      'credit for time served',
      [s('a', '2026-01-10', 1)],
      100,
      '2026-10-02',
      ['sentence.first', 'credit.time-served'],
    ],
    [
      'credit longer than the term stops at the start',
      [s('a', '2026-01-10', 0, 0, 30)],
      100,
      '2026-01-10',
      ['sentence.first', 'credit.clamp'],
    ],
  ] as const)('%s', (_n, sentences, credit, want, rules) => {
    const r = computeReleaseDate([...sentences], credit)!;
    expect(r.date).toBe(want);
    expect(r.steps.map((x) => x.rule)).toEqual(rules);
  });
  it('refuses a negative or empty length', () => {
    expect(sentenceProblem({ years: -1, months: 0, days: 0 })).toMatch(/negative/);
    expect(sentenceProblem({ years: 0, months: 0, days: 0 })).toMatch(/no length/);
    expect(sentenceProblem({ years: 1, months: 2, days: 3 })).toBeNull();
  });
});

const arbDate = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2020-01-01', n));
const arbSentence = fc
  .record({
    startsOn: arbDate,
    years: fc.integer({ min: 0, max: 20 }),
    months: fc.integer({ min: 0, max: 11 }),
    days: fc.integer({ min: 0, max: 400 }),
  })
  .filter((x) => x.years + x.months + x.days > 0);
const arbSentences = fc
  .array(arbSentence, { minLength: 1, maxLength: 6 })
  .map((list) => list.map((x, i) => ({ ...x, id: `s${i}`, imposedOn: x.startsOn })));

describe('release date: properties', () => {
  it('consecutive is never earlier than concurrent', () => {
    fc.assert(
      fc.property(arbSentences, fc.integer({ min: 0, max: 5000 }), (list, credit) => {
        const conc = computeReleaseDate(
          list.map((x) => ({ ...x, consecutive: false })),
          credit,
        )!;
        const cons = computeReleaseDate(
          list.map((x) => ({ ...x, consecutive: true })),
          credit,
        )!;
        return cons.date >= conc.date;
      }),
    );
  });
  it('credit never makes release earlier than the sentence start, nor later than without it', () => {
    fc.assert(
      fc.property(
        arbSentences,
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 20000 }),
        (list, cons, credit) => {
          const ss = list.map((x, i) => ({ ...x, consecutive: cons[i] }));
          const firstStart = ss.reduce((a, b) => (b.startsOn < a.startsOn ? b : a)).startsOn;
          const withCredit = computeReleaseDate(ss, credit)!;
          const without = computeReleaseDate(ss, 0)!;
          return withCredit.date >= firstStart && withCredit.date <= without.date;
        },
      ),
    );
  });
  it('more credit never means a later release', () => {
    fc.assert(
      fc.property(
        arbSentences,
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        (list, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          return (
            computeReleaseDate(
              list.map((x) => ({ ...x, consecutive: false })),
              hi,
            )!.date <=
            computeReleaseDate(
              list.map((x) => ({ ...x, consecutive: false })),
              lo,
            )!.date
          );
        },
      ),
    );
  });
  it('every sentence ends on or before the release date without credit', () => {
    fc.assert(
      fc.property(arbSentences, (list) => {
        const r = computeReleaseDate(
          list.map((x) => ({ ...x, consecutive: false })),
          0,
        )!;
        return list.every((x) => addLength(x.startsOn, x) <= r.date);
      }),
    );
  });
});

describe('legal clock: properties', () => {
  const arbInput = fc.record({
    from: arbDate,
    offset: fc.integer({ min: -30, max: 800 }),
    charged: fc.option(fc.integer({ min: 0, max: 400 })),
    reviews: fc.array(fc.integer({ min: 0, max: 800 }), { maxLength: 5 }),
  });
  it('a deadline is passed exactly when today is after its date, and problems match passed deadlines', () => {
    fc.assert(
      fc.property(arbInput, ({ from, offset, charged, reviews }) => {
        const today = addDays(from, offset);
        const clock = computeLegalClock(
          base({
            custodySince: from,
            bases: [{ id: 'b', basis: 'judicial order', authority: 'C', from, to: null }],
            firstChargedOn: charged === null ? null : addDays(from, charged),
            reviews: reviews.map((r) => addDays(from, r)),
          }),
          today,
        );
        if (offset < 0) return clock.basis.status === 'none';
        for (const d of clock.deadlines) {
          if (d.state === 'passed' && !(today > d.date)) return false;
          if (d.state !== 'met' && d.state !== 'passed' && today > d.date) return false;
          if (d.state === 'due_soon' && daysBetween(today, d.date) > 7) return false;
        }
        const passed = clock.deadlines.filter((d) => d.state === 'passed').length;
        return passed === clock.problems.length;
      }),
    );
  });
  it('the next review is never before today unless it is overdue, and never more than an interval after today', () => {
    fc.assert(
      fc.property(arbInput, ({ from, offset, reviews }) => {
        if (offset < 0) return true;
        const today = addDays(from, offset);
        const clock = computeLegalClock(
          base({
            custodySince: from,
            bases: [{ id: 'b', basis: 'judicial order', authority: 'C', from, to: null }],
            reviews: reviews.map((r) => addDays(from, r)),
          }),
          today,
        );
        const review = clock.deadlines.find((d) => d.kind === 'review')!;
        return daysBetween(today, review.date) <= 30 && (review.state === 'passed' || review.date >= today);
      }),
    );
  });
});

describe('the engine agrees with the day-by-day baseline', () => {
  // 800 here (the day-by-day baseline is slow on a loaded machine); the benchmark compares 50,000.
  it('on 800 synthetic detainees', { timeout: 120_000 }, () => {
    const today = '2026-03-01';
    for (const input of syntheticLegalInputs(800, today, 7)) {
      const clock = computeLegalClock(input, today);
      const naive = naiveLegalClock(input, today);
      const by = Object.fromEntries(clock.deadlines.map((d) => [d.kind, d.date]));
      expect(
        {
          charge: by.charge ?? null,
          review: by.review ?? null,
          pretrial: by.pretrial ?? null,
          release: clock.release?.date ?? null,
        },
        input.detaineeId,
      ).toEqual({
        charge: naive.charge,
        review: naive.review,
        pretrial: naive.pretrial,
        release: naive.release,
      });
      expect(clock.problems.map((p) => p.kind).sort(), input.detaineeId).toEqual([...naive.problems].sort());
    }
  });
});
