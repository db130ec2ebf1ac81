import { addDays } from './calendar-days';
import type { HoldingRule, LegalClockInput, SentenceInput } from './types';

/** Small seeded generator (mulberry32): the same detainees for the same seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SYNTHETIC_RULES: HoldingRule[] = [
  {
    basis: 'judicial order',
    maxDaysBeforeCharge: 90,
    reviewIntervalDays: 30,
    maxPretrialDays: 365,
    warnDaysBefore: 7,
  },
  {
    basis: 'transfer agreement',
    maxDaysBeforeCharge: 60,
    reviewIntervalDays: 45,
    maxPretrialDays: 540,
    warnDaysBefore: 10,
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

/**
 * Synthetic, fictional legal histories for benchmarks and property tests: custody over the last
 * few years, one to three bases (some lapsed), reviews, charges, verdicts and, for about a third,
 * one to three sentences.
 *
 * @example syntheticLegalInputs(50_000, '2026-03-01', 1).length // 50000
 */
export function syntheticLegalInputs(count: number, today: string, seed = 1): LegalClockInput[] {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const out: LegalClockInput[] = [];
  for (let i = 0; i < count; i++) {
    const since = addDays(today, -int(5, 1500));
    const bases = [];
    let from = since;
    const nb = int(1, 3);
    for (let b = 0; b < nb; b++) {
      const kind = ['judicial order', 'transfer agreement', 'judicial order', 'administrative hold'][
        int(0, 3)
      ];
      const next = addDays(from, int(20, 400));
      const last = b === nb - 1;
      bases.push({
        id: `b${i}-${b}`,
        basis: kind,
        authority: 'Court (fictional)',
        from,
        to: last ? (r() < 0.05 ? addDays(today, -int(1, 30)) : null) : next,
      });
      from = next;
    }
    const reviews: string[] = [];
    for (let k = int(0, 6); k > 0; k--) reviews.push(addDays(since, int(0, 1500)));
    const charged = r() < 0.7 ? addDays(since, int(1, 200)) : null;
    const verdict = charged && r() < 0.4 ? addDays(charged, int(30, 500)) : null;
    const sentences: SentenceInput[] = [];
    if (verdict && verdict <= today) {
      let imposed = verdict;
      for (let s = int(1, 3); s > 0; s--) {
        sentences.push({
          id: `s${i}-${s}`,
          imposedOn: imposed,
          startsOn: imposed,
          years: int(0, 15),
          months: int(0, 11),
          days: int(1, 300),
          consecutive: r() < 0.5,
        });
        imposed = addDays(imposed, int(0, 60));
      }
    }
    out.push({
      detaineeId: `d${i}`,
      custodySince: since,
      bases,
      rules: SYNTHETIC_RULES,
      firstChargedOn: charged && charged <= today ? charged : null,
      reviews,
      verdictOn: verdict && verdict <= today ? verdict : null,
      sentences,
      creditDays: r() < 0.2 ? int(0, 400) : null,
    });
  }
  return out;
}
