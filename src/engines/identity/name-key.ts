/**
 * Token keys: the phonetic skeleton of a name token in either script, its coarse class key,
 * and a weighted edit similarity between skeletons that knows which letters authorities confuse.
 */
import { distance } from 'fastest-levenshtein';
import { arabicSkeleton, normaliseArabic } from './normalise-arabic';
import { latinSkeleton } from './normalise-latin';

/**
 * Common names whose Latin spellings drift too far for letter rules alone (Mehmet, Magomed,
 * Guseyn): each variant is pinned to the skeleton of the Arabic spelling. The first Latin form
 * is the display form.
 */
export const COMMON_NAMES: { ar: string; latin: string[]; freq: number }[] = [
  {
    ar: 'محمد',
    latin: [
      'muhammad',
      'mohammed',
      'mohamed',
      'mohammad',
      'muhammed',
      'mohamad',
      'muhamad',
      'mehmet',
      'mehmed',
      'magomed',
      'mukhammad',
      'mukhammed',
      'muhammet',
      'mohd',
      'mhd',
      'mohamud',
      'maxamed',
      'mamadou',
      'mouhamed',
      'mohamet',
    ],
    freq: 0.12,
  },
  {
    ar: 'احمد',
    latin: ['ahmad', 'ahmed', 'ahmet', 'akhmed', 'akhmad', 'achmed', 'ahmat', 'axmed'],
    freq: 0.05,
  },
  { ar: 'علي', latin: ['ali', 'aly', 'aliy'], freq: 0.05 },
  { ar: 'حسن', latin: ['hasan', 'hassan', 'khasan', 'gasan', 'hasson'], freq: 0.03 },
  {
    ar: 'حسين',
    latin: [
      'husayn',
      'hussein',
      'hussain',
      'husain',
      'hussien',
      'husein',
      'huseyin',
      'guseyn',
      'gusein',
      'huseyn',
      'houssein',
      'hossein',
      'hosein',
      'khusein',
    ],
    freq: 0.025,
  },
  { ar: 'محمود', latin: ['mahmud', 'mahmoud', 'mahmood', 'mahmut', 'makhmud', 'mehmood'], freq: 0.02 },
  { ar: 'ابراهيم', latin: ['ibrahim', 'ebrahim', 'ibragim', 'brahim', 'ibraheem', 'ibrahima'], freq: 0.02 },
  { ar: 'عمر', latin: ['umar', 'omar', 'omer', 'umer', 'omor'], freq: 0.02 },
  { ar: 'عثمان', latin: ['uthman', 'othman', 'osman', 'usman', 'usmon', 'outhmane', 'otman'], freq: 0.01 },
  { ar: 'خالد', latin: ['khalid', 'khaled', 'halit', 'khaalid', 'khalit', 'haled'], freq: 0.015 },
  { ar: 'خليل', latin: ['khalil', 'halil', 'khaleel', 'khalel'], freq: 0.008 },
  { ar: 'جعفر', latin: ['jafar', 'jaafar', 'cafer', 'dzhafar', 'djafar', 'jaffar'], freq: 0.006 },
  { ar: 'جمال', latin: ['jamal', 'cemal', 'gamal', 'djamel', 'jamel', 'dzhamal', 'djamal'], freq: 0.008 },
  { ar: 'رمضان', latin: ['ramadan', 'ramazan', 'ramadhan', 'ramdane'], freq: 0.005 },
  { ar: 'رجب', latin: ['rajab', 'recep', 'radzhab', 'redjeb', 'rejeb'], freq: 0.004 },
  { ar: 'جاسم', latin: ['jasim', 'jassim', 'jasem', 'jassem', 'casim', 'dzhasim'], freq: 0.01 },
  { ar: 'كاظم', latin: ['kadhim', 'kazim', 'kadim', 'kazem', 'kathim', 'kadem'], freq: 0.008 },
  {
    ar: 'قاسم',
    latin: ['qasim', 'kasim', 'gasim', 'qassim', 'kassim', 'qasem', 'kacem', 'gassim', 'kasym'],
    freq: 0.008,
  },
  {
    ar: 'سليمان',
    latin: ['sulayman', 'suleiman', 'sulaiman', 'suleyman', 'sulejman', 'slimane', 'souleymane', 'sulaymon'],
    freq: 0.008,
  },
  { ar: 'اسماعيل', latin: ['ismail', 'ismael', 'ismayil', 'esmail', 'smail', 'ismoil'], freq: 0.008 },
  {
    ar: 'يوسف',
    latin: ['yusuf', 'yousef', 'youssef', 'yousif', 'yusif', 'youcef', 'jusuf', 'yussuf', 'yousuf'],
    freq: 0.015,
  },
  { ar: 'مصطفى', latin: ['mustafa', 'mostafa', 'moustafa', 'mustapha', 'moustapha', 'mustafo'], freq: 0.01 },
  {
    ar: 'عبدالله',
    latin: ['abdallah', 'abdullah', 'abdulla', 'abdellah', 'abdoulah', 'abdalla', 'abdullo', 'abdollah'],
    freq: 0.03,
  },
  { ar: 'عبدرحمن', latin: ['abdrahman', 'abdrakhman', 'abdurakhmon', 'abdrahmane'], freq: 0.01 },
  { ar: 'حمزه', latin: ['hamza', 'hamzah', 'hamzat', 'gamzat'], freq: 0.006 },
  { ar: 'زكريا', latin: ['zakariya', 'zakaria', 'zakariyya', 'zakariyah', 'zekeriya'], freq: 0.003 },
  { ar: 'صالح', latin: ['salih', 'saleh', 'salah', 'salekh'], freq: 0.01 },
  { ar: 'سعيد', latin: ['said', 'saeed', 'saied', 'sayed', 'saiid'], freq: 0.01 },
  { ar: 'عباس', latin: ['abbas', 'abas'], freq: 0.008 },
  { ar: 'فاطمه', latin: ['fatima', 'fatimah', 'fatma', 'fatemeh', 'fadma', 'fatuma'], freq: 0.06 },
  { ar: 'زينب', latin: ['zaynab', 'zainab', 'zeynep', 'zeinab', 'zaineb'], freq: 0.03 },
  { ar: 'خديجه', latin: ['khadija', 'khadijah', 'hatice', 'khadidja', 'kadija'], freq: 0.03 },
  { ar: 'عائشه', latin: ['aisha', 'aysha', 'ayse', 'aicha', 'aishah', 'aishat'], freq: 0.03 },
  { ar: 'مريم', latin: ['maryam', 'mariam', 'meryem', 'myriam', 'mariyam'], freq: 0.03 },
];

/** How common a coarse key is among Arabic names in general, when known; used before a register is large. */
export function priorFrequency(coarse: string): number | undefined {
  return PRIOR.get(coarse);
}

/**
 * The phonetic skeleton of one normalised name token in either script.
 *
 * @example tokenKey('mehmet', 'latin') === tokenKey('محمد', 'arabic') // => true
 */
export function tokenKey(token: string, script: 'latin' | 'arabic'): string {
  if (script === 'arabic') return arabicSkeleton(token);
  const pinned = PINNED.get(token) ?? pinnedTypo(token);
  if (pinned !== undefined) return pinned;
  if (token.startsWith('abu ')) {
    const rest = token.slice(4);
    return 'A' + (PINNED.get(rest) ?? latinSkeleton(rest));
  }
  return latinSkeleton(token);
}

const COARSE: Record<string, string> = {
  b: 'B',
  f: 'F',
  t: 'T',
  d: 'T',
  D: 'S',
  s: 'S',
  z: 'S',
  S: 'S',
  T: 'S',
  j: 'K',
  g: 'K',
  k: 'K',
  G: 'K',
  x: 'K',
  h: 'K',
  c: 'K',
  l: 'L',
  r: 'R',
  m: 'M',
  n: 'N',
  A: 'A',
  M: 'U',
  w: '',
  y: '',
  i: '',
  u: '',
};

/**
 * Consonant-class key: letters that any authority might swap collapse into one class, vowels and
 * glides vanish. Variants of one name share it; it is what blocking and the search index use.
 *
 * @example coarseKey('kazim') === coarseKey('gasim') // => true (both 'KSM')
 */
export function coarseKey(skeleton: string): string {
  let out = '';
  for (let i = 0; i < skeleton.length; i++) {
    const ch = skeleton[i];
    // A leading glide is a consonant (Yusuf, Walid), elsewhere it is a long vowel.
    const c = i === 0 && (ch === 'w' || ch === 'y') ? ch.toUpperCase() : (COARSE[ch] ?? '');
    if (c && out[out.length - 1] !== c) out += c;
  }
  return out;
}

const PINNED = new Map<string, string>();
const typoOf = new Map<string, string | null>();
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The pinned skeleton of a common name written with one slip of the pen (Mohamme, Ibahim, Imsail,
 * Moahmed), so that it still meets the Arabic spelling and blocks with it. Only slips that leave the
 * first and last letters alone are tried, and only for names of five letters or more: a dropped
 * final a is a woman's name (Khalida is not Khalid), a changed first letter another name (Hamed is
 * not Ahmed). All candidates must agree on one name.
 */
function pinnedTypo(token: string): string | undefined {
  const hit = typoOf.get(token);
  if (hit !== undefined) return hit ?? undefined;
  let found: string | null = null;
  let ambiguous = false;
  const consider = (candidate: string) => {
    if (candidate.length < 5) return;
    const key = PINNED.get(candidate);
    if (key === undefined) return;
    if (found !== null && found !== key) ambiguous = true;
    found = key;
  };
  if (token.length >= 4 && /^[a-z]+$/.test(token)) {
    const n = token.length;
    for (let i = 1; i < n - 1; i++) {
      consider(token.slice(0, i) + token.slice(i + 1));
      if (i < n - 2) consider(token.slice(0, i) + token[i + 1] + token[i] + token.slice(i + 2));
    }
    for (let i = 1; i <= n; i++) for (const ch of LETTERS) consider(token.slice(0, i) + ch + token.slice(i));
  }
  const result = ambiguous ? null : found;
  if (typoOf.size > 200_000) typoOf.clear();
  typoOf.set(token, result);
  return result ?? undefined;
}
const PRIOR = new Map<string, number>();
/** Skeletons of the listed common names: two different ones are two different names. */
const CANONICAL = new Set<string>();
for (const n of COMMON_NAMES) {
  const key = arabicSkeleton(normaliseArabic(n.ar));
  CANONICAL.add(key);
  for (const v of n.latin) PINNED.set(v, key);
  PRIOR.set(coarseKey(key), (PRIOR.get(coarseKey(key)) ?? 0) + n.freq);
}

const SUB: Record<string, number> = {};
function sub(a: string, b: string, cost: number): void {
  SUB[a + b] = cost;
  SUB[b + a] = cost;
}
sub('g', 'k', 0.2);
sub('g', 'j', 0.25);
sub('g', 'h', 0.3);
// Russian writes ح and ه as g (Gusein) or kh (Khusein).
sub('g', 'x', 0.35);
sub('g', 'G', 0.15);
sub('G', 'x', 0.3);
sub('h', 'x', 0.25);
sub('x', 'k', 0.4);
// Turkish writes a final d as t (Mehmet, Halit, Macit).
sub('d', 't', 0.2);
sub('s', 'z', 0.4);
sub('d', 'z', 0.45);
sub('s', 'S', 0.4);
sub('j', 'y', 0.4);
sub('j', 'z', 0.5);
sub('i', 'u', 0.25);
sub('i', 'y', 0.1);
sub('u', 'w', 0.1);
sub('t', 's', 0.4);
// ث is th, s (Osman), t (Otman) or z (Ozmen); English writers also write ذ as th (Munther).
sub('T', 's', 0.2);
sub('T', 't', 0.2);
sub('T', 'z', 0.2);
sub('T', 'D', 0.35);
// French writes ذ and ث as t (Mounter for Munther, Otman for Uthman).
sub('t', 'z', 0.45);
sub('c', 'k', 0.15);
sub('c', 'j', 0.15);
sub('c', 's', 0.3);
sub('c', 'S', 0.3);
sub('D', 'd', 0.15);
sub('D', 'z', 0.15);
sub('D', 't', 0.4);
sub('D', 's', 0.45);
sub('b', 'f', 0.6);
sub('w', 'b', 0.6);
sub('w', 'f', 0.5);
sub('G', 'k', 0.5);
sub('h', 'k', 0.6);
sub('j', 'S', 0.5);
sub('A', 'M', 1);

function indel(ch: string, pos: number, len: number): number {
  if (ch === 'i' || ch === 'u') return 0.15;
  if (ch === 'y' || ch === 'w') return pos === len - 1 ? 0.15 : pos === 0 ? 0.25 : 0.6;
  if (ch === 'h') return 0.5;
  return 1;
}

/**
 * Weighted edit distance between two skeletons: substitutions between letters that
 * transliteration confuses (g/k/h/j, d/t, i/y, u/w) and dropping weak vowels are cheap.
 *
 * @example skeletonDistance('gasim', 'kasim') // => 0.2
 */
export function skeletonDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  let prev = new Float64Array(m + 1);
  let cur = new Float64Array(m + 1);
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1] + indel(b[j - 1], j - 1, m);
  for (let i = 1; i <= n; i++) {
    const ca = a[i - 1];
    cur[0] = prev[0] + indel(ca, i - 1, n);
    for (let j = 1; j <= m; j++) {
      const cb = b[j - 1];
      const s = ca === cb ? 0 : (SUB[ca + cb] ?? 1);
      cur[j] = Math.min(prev[j - 1] + s, prev[j] + indel(ca, i - 1, n), cur[j - 1] + indel(cb, j - 1, m));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m];
}

const simCache = new Map<string, number>();
const ids = new Map<string, number>();
const keysById: string[] = [];
const idSim = new Map<number, number>();

/** A small integer for a skeleton, so that hot loops compare numbers, not strings. */
export function keyId(key: string): number {
  let id = ids.get(key);
  if (id === undefined) {
    id = keysById.length;
    keysById.push(key);
    ids.set(key, id);
  }
  return id;
}

/**
 * tokenSimilarity on interned keys (see keyId); the hot path of scoring.
 *
 * @example tokenSimilarityById(keyId('ksm'), keyId('gsm'))
 */
export function tokenSimilarityById(a: number, b: number): number {
  if (a === b) return 1;
  const k = a < b ? a * 4194304 + b : b * 4194304 + a;
  let s = idSim.get(k);
  if (s === undefined) {
    s = tokenSimilarity(keysById[a], keysById[b]);
    if (idSim.size > 2_000_000) idSim.clear();
    idSim.set(k, s);
  }
  return s;
}

/**
 * Similarity of two token skeletons in [0, 1]; 1 is identical. Cached because a register has
 * few distinct names and millions of comparisons.
 *
 * @example tokenSimilarity('husyn', 'hsn') < 0.88 // => true (Husayn is not Hasan)
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if ((a[0] === 'A') !== (b[0] === 'A')) return 0;
  // Muhammad (mhmd) and Mahmud (mhmwd) are one letter apart but never one name: when both
  // tokens are known common names, their spellings were already mapped to one skeleton each.
  if (CANONICAL.has(a) && CANONICAL.has(b)) return 0;
  const key = a < b ? a + '|' + b : b + '|' + a;
  const hit = simCache.get(key);
  if (hit !== undefined) return hit;
  const len = Math.max(a.length, b.length, 2);
  // A cheap unweighted bound first: far-apart strings never need the weighted pass.
  let sim: number;
  // Two-letter skeletons (Diaa "di", Dhiya "Dy") are always within reach of the weighted pass.
  if (distance(a, b) > Math.max(2, len * 0.75)) sim = 0;
  else sim = Math.max(0, 1 - skeletonDistance(a, b) / len);
  if (simCache.size > 500_000) simCache.clear();
  simCache.set(key, sim);
  return sim;
}

const textIds = new Map<string, number>();
const textsById: string[] = [];
const typoCache = new Map<number, boolean>();

/** A small integer for a Latin token as written, for typoApartById. */
export function textId(text: string): number {
  let id = textIds.get(text);
  if (id === undefined) {
    id = textsById.length;
    textsById.push(text);
    textIds.set(text, id);
  }
  return id;
}

/**
 * True when two Latin tokens as written are one slip of the pen apart: a letter dropped, doubled or
 * two neighbours swapped (Rasihd / Rashid, Ibahim / Ibrahim). A swapped or dropped letter can break a
 * digraph (s-h) and so the skeleton, which is why this looks at the letters. Substitutions are not
 * counted: one changed letter often makes another name (Jamal / Kamal, Amir / Amer).
 *
 * @example typoApart('rasihd', 'rashid') // => true
 */
export function typoApart(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length,
    lb = b.length;
  if (Math.min(la, lb) < 4 || Math.max(la, lb) < 5) return false;
  if (la === lb) {
    let i = 0;
    while (i < la && a[i] === b[i]) i++;
    return i < la - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  if (Math.abs(la - lb) !== 1) return false;
  const [long, short] = la > lb ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  return long.slice(i + 1) === short.slice(i);
}

/** typoApart on interned texts (see textId); cached, as it runs in the scoring loop. */
export function typoApartById(a: number, b: number): boolean {
  const k = a < b ? a * 4194304 + b : b * 4194304 + a;
  let t = typoCache.get(k);
  if (t === undefined) {
    t = typoApart(textsById[a], textsById[b]);
    if (typoCache.size > 2_000_000) typoCache.clear();
    typoCache.set(k, t);
  }
  return t;
}

export { distance as plainDistance };
