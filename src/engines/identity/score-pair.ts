/**
 * Pairwise scoring of two person records: a sum of log-likelihood-like weights, each kept as a
 * piece of evidence so that a reviewer sees why the engine thinks two records are one person.
 */
import { compareDob } from './parse-dob';
import { tokenSimilarityById } from './name-key';
import type { NameFrequency } from './name-frequency';
import type { PreparedRecord } from './prepare-record';
import type { Decision, Evidence, NameToken, PairScore, ParsedName } from './types';

export interface ScoreOptions {
  /** Strength (see sameStrength) at or above which a pair is the same person, absent any hard conflict. */
  sameThreshold: number;
  /** Total score at or above which a pair goes to a human as a possible match. */
  possibleThreshold: number;
}

export const DEFAULT_SCORE_OPTIONS: ScoreOptions = { sameThreshold: 16, possibleThreshold: 8 };

/** Name weight that proves identity without a date, when the rest does not contradict it. */
const NAME_ALONE = 15;

/** Below this two tokens are different names (Hasan vs Husayn is 0.85). */
const TOKEN_MATCH = 0.88;

export interface NameComparison {
  score: number;
  /** Number of tokens that agree. */
  matched: number;
  evidence: Evidence[];
}

const ROLE_PENALTY: Record<string, number> = { given: 8, father: 6, grandfather: 4 };
const ROLE_LABEL: Record<string, string> = { given: 'given names', father: "fathers' names", grandfather: 'third name parts (grandfather)' };

/**
 * Compares two parsed names token by token: each agreeing part adds its rarity weight; given,
 * father and grandfather parts that both names have but that disagree count against.
 *
 * @example compareNames(parseName('Husayn Hasan'), parseName('حسين حسن'), freq).matched // => 2
 */
export function compareNames(x: ParsedName, y: ParsedName, freq: NameFrequency, explain = true): NameComparison {
  const xs = x.tokens, ys = y.tokens;
  const cand: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < xs.length; i++)
    for (let j = 0; j < ys.length; j++) {
      const s = tokenSimilarityById(xs[i].kid, ys[j].kid);
      if (s >= TOKEN_MATCH) cand.push({ i, j, s });
    }
  cand.sort((p, q) => q.s - p.s || Math.abs(p.i - p.j) - Math.abs(q.i - q.j));
  const mx = new Int32Array(xs.length).fill(-1);
  const my = new Int32Array(ys.length).fill(-1);
  const evidence: Evidence[] = [];
  let score = 0;
  let matched = 0;
  const agreeing: string[] = [];
  for (const c of cand) {
    if (mx[c.i] !== -1 || my[c.j] !== -1) continue;
    mx[c.i] = c.j;
    my[c.j] = c.i;
    const w = Math.min(freq.weight(xs[c.i].coarse), freq.weight(ys[c.j].coarse));
    const part = w * (c.s >= 0.97 ? 1 : c.s >= 0.92 ? 0.85 : 0.6);
    score += part;
    matched++;
    if (explain) agreeing.push(`${xs[c.i].text}~${ys[c.j].text} ${part.toFixed(1)}`);
  }
  if (matched > 0 && explain)
    evidence.push({ direction: 'for', field: 'name', weight: round(score), message: `"${x.raw}" and "${y.raw}" agree on ${agreeing.join(', ')}` });
  for (const role of ['given', 'father', 'grandfather'] as const) {
    const i = xs.findIndex((t) => t.role === role);
    const j = ys.findIndex((t) => t.role === role);
    if (i === -1 || j === -1 || mx[i] === j) continue;
    // When both parts agree with some other part the names are only written in another order.
    const reordered = mx[i] !== -1 && my[j] !== -1;
    const w = reordered ? 1.5 : ROLE_PENALTY[role];
    score -= w;
    if (explain) evidence.push({
      direction: 'against', field: 'name', weight: -w,
      message: `${ROLE_LABEL[role]} ${reordered ? 'in a different order' : 'differ'}: ${xs[i].text} / ${ys[j].text}`,
    });
  }
  const fx = xs.filter((t) => t.role === 'family'), fy = ys.filter((t) => t.role === 'family');
  if (fx.length && fy.length && !fx.some((t) => mx[xs.indexOf(t)] !== -1 && fy.includes(ys[mx[xs.indexOf(t)]]))) {
    const anyMatched = fx.some((t) => mx[xs.indexOf(t)] !== -1) || fy.some((t) => my[ys.indexOf(t)] !== -1);
    if (!anyMatched) {
      score -= 2;
      if (explain) evidence.push({ direction: 'against', field: 'name', weight: -2, message: `family or tribe differ: ${fx.map((t) => t.text).join(' ')} / ${fy.map((t) => t.text).join(' ')}` });
    }
  }
  return { score, matched, evidence };
}

function motherSimilarity(a: ParsedName, b: ParsedName): { sim: number; x: NameToken; y: NameToken } {
  const x = a.tokens[0], y = b.tokens[0];
  return { sim: tokenSimilarityById(x.kid, y.kid), x, y };
}

/**
 * Scores whether two records are one person, with the evidence for and against.
 * Hard evidence (different sex, birth years three or more apart, different mothers) caps the
 * decision at "possible" so that only a human can merge such a pair.
 *
 * @example
 * const freq = new NameFrequency();
 * scorePair(prepareRecord({ id: 'a', names: ['Husayn Hasan Ismail'], dob: '1987-07-23' }),
 *           prepareRecord({ id: 'b', names: ['حسين حسن اسماعيل'], dob: '1987-07-23' }), freq).decision // => 'same'
 */
export function scorePair(a: PreparedRecord, b: PreparedRecord, freq: NameFrequency, options: ScoreOptions = DEFAULT_SCORE_OPTIONS, explain = true): PairScore {
  const evidence: Evidence[] = [];
  let best: NameComparison | null = null;
  for (const x of a.names)
    for (const y of b.names) {
      const c = compareNames(x, y, freq, explain);
      if (!best || c.score > best.score) best = c;
    }
  let nameScore = 0;
  if (best) {
    nameScore = best.score;
    evidence.push(...best.evidence);
  }
  let kunyaScore = 0;
  for (const x of a.kunyas)
    for (const y of b.kunyas) {
      const s = tokenSimilarityById(x.tokens[0].kid, y.tokens[0].kid);
      if (s < 0.9) continue;
      let w = Math.min(4, freq.weight(x.tokens[0].coarse));
      const nx = x.tokens[1], ny = y.tokens[1];
      if (nx && ny && tokenSimilarityById(nx.kid, ny.kid) >= TOKEN_MATCH) w += 1.5;
      if (w > kunyaScore) {
        kunyaScore = w;
        const found = evidence.findIndex((e) => e.field === 'kunya');
        if (found !== -1) evidence.splice(found, 1);
        evidence.push({ direction: 'for', field: 'kunya', weight: round(w), message: `same kunya: "${x.raw}" / "${y.raw}"` });
      }
    }
  let score = nameScore + kunyaScore;
  let hard = false;
  const dob = compareDob(a.dob, b.dob);
  if (dob) {
    evidence.push(dob);
    score += dob.weight;
    hard ||= !!dob.hard;
  }
  const sa = a.record.sex, sb = b.record.sex;
  if (sa && sb) {
    if (sa !== sb) {
      evidence.push({ direction: 'against', field: 'sex', weight: -20, message: `different sex (${sa} / ${sb})`, hard: true });
      score -= 20;
      hard = true;
    } else {
      evidence.push({ direction: 'for', field: 'sex', weight: 0.5, message: `same sex (${sa})` });
      score += 0.5;
    }
  }
  if (a.nationality.size && b.nationality.size) {
    const shared = [...a.nationality].filter((c) => b.nationality.has(c));
    if (shared.length) {
      const w = Math.min(4, Math.max(1, -Math.log2(freq.nationalityFrequency(shared[0])) - 1));
      evidence.push({ direction: 'for', field: 'nationality', weight: round(w), message: `shared nationality ${shared.join(', ')}` });
      score += w;
    } else {
      evidence.push({ direction: 'against', field: 'nationality', weight: -4, message: `no shared nationality (${[...a.nationality].join(',')} / ${[...b.nationality].join(',')})` });
      score -= 4;
    }
  }
  if (a.mother && b.mother) {
    const m = motherSimilarity(a.mother, b.mother);
    if (m.sim >= TOKEN_MATCH) {
      const w = Math.min(6, freq.weight(m.x.coarse) + 1.5);
      evidence.push({ direction: 'for', field: 'motherName', weight: round(w), message: `same mother's name (${a.mother.raw} / ${b.mother.raw})` });
      score += w;
    } else {
      evidence.push({ direction: 'against', field: 'motherName', weight: -9, message: `different mothers' names (${a.mother.raw} / ${b.mother.raw})`, hard: true });
      score -= 9;
      hard = true;
    }
  }
  let decision: Decision = 'different';
  const matched = best?.matched ?? 0;
  // A long name of rare parts carries on its own when no date contradicts it, or with an agreeing
  // year (sanctions-list aliases: many names, few other fields).
  const nameAlone = (nameScore >= NAME_ALONE && (dob === null || dob.weight >= 0)) || (nameScore >= 12 && dob !== null && dob.weight > 0);
  const strong = sameStrength(score, nameScore, matched, dob) >= options.sameThreshold || nameAlone;
  if (!hard && matched >= 2 && score >= Math.max(options.possibleThreshold, nameAlone ? 12 : 0) && strong) decision = 'same';
  else if (score >= options.possibleThreshold && (nameScore + kunyaScore) >= 4) decision = 'possible';
  evidence.sort((p, q) => Math.abs(q.weight) - Math.abs(p.weight));
  return { score: round(score), decision, evidence };
}

/**
 * How strongly a pair's evidence says "same person", for the merge decision only (the reported
 * score stays the plain sum of the evidence). Why not the plain sum:
 * - name parts of namesakes agree together (a family reuses given, father and grandfather names),
 *   so the name's weight counts with diminishing returns (square root), plus one per agreeing part
 *   so that a full name (given, father, grandfather) counts more than two parts of it;
 * - without any date of birth nothing tells namesakes apart, so the name must carry more;
 * - dates that disagree (a different day and month, two years apart) keep the pair for a human
 *   even when every name agrees.
 * Calibrated on synthetic registers (seeds other than the benchmark's agree) for pairwise
 * precision of about 0.97; see docs/benchmarks.md.
 *
 * @example sameStrength(20, 16, 3, { direction: 'for', field: 'dob', weight: 1.5, message: '' }) // => 23
 */
export function sameStrength(score: number, nameScore: number, matched: number, dob: Evidence | null): number {
  const dobAdjust = dob === null ? -3 : dob.weight < 0 ? -6 : 0;
  return score - nameScore + 4 * Math.sqrt(Math.max(0, nameScore)) + matched + dobAdjust;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
