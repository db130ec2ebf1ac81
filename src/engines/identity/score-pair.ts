/**
 * Pairwise scoring of two person records: a sum of log-likelihood-like weights, each kept as a
 * piece of evidence so that a reviewer sees why the engine thinks two records are one person.
 */
import { compareDob, dobCase } from './parse-dob';
import { tokenSimilarityById, typoApartById } from './name-key';
import type { NameFrequency } from './name-frequency';
import type { PreparedRecord } from './prepare-record';
import type { Decision, Evidence, NameToken, PairScore, ParsedName } from './types';

export interface ScoreOptions {
  /** Strength (see sameStrength) at or above which a pair is the same person, absent any hard conflict. */
  sameThreshold: number;
  /** Total score at or above which a pair goes to a human as a possible match. */
  possibleThreshold: number;
  /** Extra evidence asked of a merge in a large register (see clusterRecords); 0 by default. */
  sizeAdjust?: number;
}

export const DEFAULT_SCORE_OPTIONS: ScoreOptions = { sameThreshold: 14, possibleThreshold: 8 };

/** Name weight that proves identity without a date, when the rest does not contradict it. */
const NAME_ALONE = 15;

/** Above this two disagreeing tokens may be one name mistyped (Bahrum / Bahrun is 0.75). */
const TYPO_SIMILARITY = 0.7;

/** Below this two tokens are different names (Hasan vs Husayn is 0.85). */
const TOKEN_MATCH = 0.88;

/** Similarity given to two Latin tokens one slip of the pen apart (see typoApart): a weak match. */
const TYPO_MATCH = 0.89;

export interface NameComparison {
  score: number;
  /** Number of tokens that agree. */
  matched: number;
  /** True when a given, father's or grandfather's name differs outright (not reordered, not a typo). */
  conflict: boolean;
  evidence: Evidence[];
}

const ROLE_PENALTY: Record<string, number> = { given: 8, father: 6, grandfather: 6 };
const ROLE_LABEL: Record<string, string> = {
  given: 'given names',
  father: "fathers' names",
  grandfather: 'third name parts (grandfather)',
};

/**
 * Compares two parsed names token by token: each agreeing part adds its rarity weight; given,
 * father and grandfather parts that both names have but that disagree count against.
 *
 * @example compareNames(parseName('Husayn Hasan'), parseName('حسين حسن'), freq).matched // => 2
 */
export function compareNames(
  x: ParsedName,
  y: ParsedName,
  freq: NameFrequency,
  explain = true,
): NameComparison {
  const xs = x.tokens,
    ys = y.tokens;
  const nx = xs.length,
    ny = ys.length;
  // Scratch buffers reused across calls: this runs millions of times in a dedupe.
  if (nx * ny > SIM.length) SIM = new Float64Array(nx * ny * 2);
  if (nx > MX.length || ny > MX.length) {
    MX = new Int32Array(Math.max(nx, ny) * 2);
    MY = new Int32Array(Math.max(nx, ny) * 2);
  }
  const sim = SIM,
    mx = MX,
    my = MY;
  let open = 0;
  for (let i = 0; i < nx; i++) {
    mx[i] = -1;
    for (let j = 0; j < ny; j++) {
      let s = tokenSimilarityById(xs[i].kid, ys[j].kid);
      if (s < TOKEN_MATCH && xs[i].tid >= 0 && ys[j].tid >= 0 && typoApartById(xs[i].tid, ys[j].tid))
        s = TYPO_MATCH;
      sim[i * ny + j] = s;
      if (s >= TOKEN_MATCH) open++;
    }
  }
  for (let j = 0; j < ny; j++) my[j] = -1;
  const evidence: Evidence[] = explain ? [] : NO_EVIDENCE;
  let score = 0;
  let matched = 0;
  const agreeing: string[] = [];
  // Greedy one-to-one alignment: best similarity first, then parts in the same position; the
  // same order a stable sort of all candidate pairs would give.
  while (open > 0) {
    let bi = -1,
      bj = -1,
      bs = -1,
      bd = 0;
    for (let i = 0; i < nx; i++) {
      if (mx[i] !== -1) continue;
      for (let j = 0; j < ny; j++) {
        if (my[j] !== -1) continue;
        const s = sim[i * ny + j];
        if (s < TOKEN_MATCH) continue;
        const d = i > j ? i - j : j - i;
        if (s > bs || (s === bs && d < bd)) {
          bi = i;
          bj = j;
          bs = s;
          bd = d;
        }
      }
    }
    if (bi === -1) break;
    mx[bi] = bj;
    my[bj] = bi;
    open--;
    const w = Math.min(freq.weight(xs[bi].coarse), freq.weight(ys[bj].coarse));
    const part = w * (bs >= 0.97 ? 1 : bs >= 0.92 ? 0.85 : 0.6);
    score += part;
    matched++;
    if (explain) agreeing.push(`${xs[bi].text}~${ys[bj].text} ${part.toFixed(1)}`);
  }
  if (matched > 0 && explain)
    evidence.push({
      direction: 'for',
      field: 'name',
      weight: round(score),
      message: `"${x.raw}" and "${y.raw}" agree on ${agreeing.join(', ')}`,
    });
  let conflict = false;
  for (let r = 0; r < PENALISED_ROLES.length; r++) {
    const role = PENALISED_ROLES[r];
    const i = roleIndex(xs, role);
    const j = roleIndex(ys, role);
    if (i === -1 || j === -1 || mx[i] === j) continue;
    // When both parts agree with some other part the names are only written in another order.
    const reordered = mx[i] !== -1 && my[j] !== -1;
    // An outright conflict: neither part agrees with anything else (a part that does is a name laid
    // out differently, such as a surname read as a father's name) and they are not a typo apart.
    if (mx[i] === -1 && my[j] === -1 && sim[i * ny + j] < TYPO_SIMILARITY) conflict = true;
    const w = reordered ? 1.5 : ROLE_PENALTY[role];
    score -= w;
    if (explain)
      evidence.push({
        direction: 'against',
        field: 'name',
        weight: -w,
        message: `${ROLE_LABEL[role]} ${reordered ? 'in a different order' : 'differ'}: ${xs[i].text} / ${ys[j].text}`,
      });
  }
  // Family or tribe parts on both sides, none of which agrees with anything: a mild conflict.
  let fx = 0,
    fy = 0,
    familyMatched = false;
  for (let i = 0; i < nx; i++)
    if (xs[i].role === 'family') {
      fx++;
      if (mx[i] !== -1) familyMatched = true;
    }
  for (let j = 0; j < ny; j++)
    if (ys[j].role === 'family') {
      fy++;
      if (my[j] !== -1) familyMatched = true;
    }
  if (fx && fy && !familyMatched) {
    score -= FAMILY_PENALTY;
    if (explain)
      evidence.push({
        direction: 'against',
        field: 'name',
        weight: -FAMILY_PENALTY,
        message: `family or tribe differ: ${xs
          .filter((t) => t.role === 'family')
          .map((t) => t.text)
          .join(' ')} / ${ys
          .filter((t) => t.role === 'family')
          .map((t) => t.text)
          .join(' ')}`,
      });
  }
  return { score, matched, conflict, evidence };
}

/** Added to a shared mother's name: mothers' names are written by the person's own family. */
const MOTHER_BONUS = 1.5;

/**
 * Family or tribe parts on both sides that never agree: a person keeps one tribe, so this is
 * nearly as telling as a different grandfather.
 */
const FAMILY_PENALTY = 4;
let SIM = new Float64Array(64);
let MX = new Int32Array(16);
let MY = new Int32Array(16);
/** Shared, never written: callers that do not explain get no evidence. */
const NO_EVIDENCE: Evidence[] = Object.freeze([]) as unknown as Evidence[];
const PENALISED_ROLES = ['given', 'father', 'grandfather'] as const;

function roleIndex(tokens: NameToken[], role: string): number {
  for (let i = 0; i < tokens.length; i++) if (tokens[i].role === role) return i;
  return -1;
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
export function scorePair(
  a: PreparedRecord,
  b: PreparedRecord,
  freq: NameFrequency,
  options: ScoreOptions = DEFAULT_SCORE_OPTIONS,
  explain = true,
): PairScore {
  // explain=false is the dedupe hot path: same arithmetic, no evidence objects or messages.
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
    if (explain) evidence.push(...best.evidence);
  }
  let kunyaScore = 0;
  for (const x of a.kunyas)
    for (const y of b.kunyas) {
      const s = tokenSimilarityById(x.tokens[0].kid, y.tokens[0].kid);
      if (s < 0.9) continue;
      let w = Math.min(4, freq.weight(x.tokens[0].coarse));
      const nx = x.tokens[1],
        ny = y.tokens[1];
      if (nx && ny && tokenSimilarityById(nx.kid, ny.kid) >= TOKEN_MATCH) w += 1.5;
      if (w > kunyaScore) {
        kunyaScore = w;
        if (!explain) continue;
        const found = evidence.findIndex((e) => e.field === 'kunya');
        if (found !== -1) evidence.splice(found, 1);
        evidence.push({
          direction: 'for',
          field: 'kunya',
          weight: round(w),
          message: `same kunya: "${x.raw}" / "${y.raw}"`,
        });
      }
    }
  let score = nameScore + kunyaScore;
  let hard = false;
  const dob = explain ? compareDob(a.dob, b.dob) : dobCase(a.dob, b.dob);
  if (dob) {
    if (explain) evidence.push(dob as Evidence);
    score += dob.weight;
    hard ||= !!dob.hard;
  }
  const sa = a.record.sex,
    sb = b.record.sex;
  if (sa && sb) {
    if (sa !== sb) {
      if (explain)
        evidence.push({
          direction: 'against',
          field: 'sex',
          weight: -20,
          message: `different sex (${sa} / ${sb})`,
          hard: true,
        });
      score -= 20;
      hard = true;
    } else {
      if (explain)
        evidence.push({ direction: 'for', field: 'sex', weight: 0.5, message: `same sex (${sa})` });
      score += 0.5;
    }
  }
  if (a.nationality.size && b.nationality.size) {
    let first: string | undefined;
    for (const c of a.nationality)
      if (b.nationality.has(c)) {
        first = c;
        break;
      }
    if (first !== undefined) {
      const w = Math.min(4, Math.max(1, -Math.log2(freq.nationalityFrequency(first)) - 1));
      if (explain)
        evidence.push({
          direction: 'for',
          field: 'nationality',
          weight: round(w),
          message: `shared nationality ${[...a.nationality].filter((c) => b.nationality.has(c)).join(', ')}`,
        });
      score += w;
    } else {
      if (explain)
        evidence.push({
          direction: 'against',
          field: 'nationality',
          weight: -4,
          message: `no shared nationality (${[...a.nationality].join(',')} / ${[...b.nationality].join(',')})`,
        });
      score -= 4;
    }
  }
  if (a.mother && b.mother) {
    const x = a.mother.tokens[0],
      y = b.mother.tokens[0];
    if (tokenSimilarityById(x.kid, y.kid) >= TOKEN_MATCH) {
      const w = Math.min(6, freq.motherWeight(x.coarse) + MOTHER_BONUS);
      if (explain)
        evidence.push({
          direction: 'for',
          field: 'motherName',
          weight: round(w),
          message: `same mother's name (${a.mother.raw} / ${b.mother.raw})`,
        });
      score += w;
    } else {
      if (explain)
        evidence.push({
          direction: 'against',
          field: 'motherName',
          weight: -9,
          message: `different mothers' names (${a.mother.raw} / ${b.mother.raw})`,
          hard: true,
        });
      score -= 9;
      hard = true;
    }
  }
  let decision: Decision = 'different';
  const matched = best?.matched ?? 0;
  // A long name of rare parts carries on its own when no date contradicts it, or with an agreeing
  // year (sanctions-list aliases: many names, few other fields).
  const more = options.sizeAdjust ?? 0;
  const nameAlone =
    (nameScore >= NAME_ALONE + more && (dob === null || dob.weight >= 0)) ||
    (nameScore >= 12 + more && dob !== null && dob.weight > 0);
  const strong = sameStrength(score, nameScore, matched, dob) >= options.sameThreshold + more || nameAlone;
  // One person has one nasab: a given, father's or grandfather's name that differs outright means
  // brothers, cousins or a clerical error, which only a human can tell apart.
  const conflict = best?.conflict ?? false;
  if (
    !hard &&
    !conflict &&
    matched >= 2 &&
    score >= Math.max(options.possibleThreshold, nameAlone ? 12 : 0) &&
    strong
  )
    decision = 'same';
  else if (score >= options.possibleThreshold && nameScore + kunyaScore >= 4) decision = 'possible';
  evidence.sort((p, q) => Math.abs(q.weight) - Math.abs(p.weight));
  return { score: round(score), decision, evidence, hard };
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
 * The threshold (14) was calibrated on synthetic registers of about 18,600 records (seeds 42 and 5,
 * checked on seeds 11 and 23 that took no part in choosing it) for pairwise precision of at least
 * 0.97; larger registers ask more through `sizeAdjust` (see clusterRecords). See docs/benchmarks.md.
 *
 * @example sameStrength(20, 16, 3, { direction: 'for', field: 'dob', weight: 4, message: '' }) // => 23
 */
export function sameStrength(
  score: number,
  nameScore: number,
  matched: number,
  dob: { weight: number } | null,
): number {
  const dobAdjust = dob === null ? -3 : dob.weight < 0 ? -6 : 0;
  return score - nameScore + 4 * Math.sqrt(Math.max(0, nameScore)) + matched + dobAdjust;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
