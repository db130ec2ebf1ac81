/**
 * Latin-script normalisation and the Latin side of the phonetic skeleton. Each authority
 * transliterates Arabic its own way (Iraqi/Levantine English, French, Turkish, Russian); the
 * skeleton maps all of them, and Arabic script, into one space where Kadhim = Kazim = كاظم.
 */
import { finishSkeleton } from './normalise-arabic';

const SPECIAL: Record<string, string> = {
  ı: 'i',
  ş: 'sh',
  ç: 'ch',
  ğ: '',
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ł: 'l',
  ħ: 'h',
  ḥ: 'h',
  ṭ: 't',
  ṣ: 's',
  ḍ: 'd',
  ẓ: 'z',
  ḏ: 'dh',
  ṯ: 'th',
  ḫ: 'kh',
  ġ: 'gh',
  ž: 'zh',
  š: 'sh',
  č: 'ch',
};

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ў: 'u',
  ғ: 'gh',
  қ: 'q',
  ҳ: 'h',
  ә: 'a',
  ө: 'o',
  ү: 'u',
  ұ: 'u',
  ң: 'ng',
};

/**
 * Transliterates Cyrillic to plain Latin letters (Russian passport habit), so that Cyrillic names
 * enter the same pipeline as Latin ones.
 *
 * @example transliterateCyrillic('Магомед') // => 'magomed'
 */
export function transliterateCyrillic(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += CYRILLIC[ch] ?? ch;
  return out;
}

/**
 * Lower-cases, folds diacritics and Turkish letters, removes apostrophes and ayn/hamza marks
 * (Sa'id, Saʿīd → said), leaves ASCII letters, spaces, hyphens and commas.
 *
 * @example normaliseLatin("ḤUSAYN Hüseyin Sa'id") // => 'husayn huseyin said'
 */
export function normaliseLatin(text: string): string {
  let s = '';
  for (const ch of text.normalize('NFC').replace(/İ/g, 'i').toLowerCase()) s += SPECIAL[ch] ?? ch;
  s = s.normalize('NFD').replace(/\p{M}/gu, '');
  s = s.replace(/['’‘ʿʾʻ`´ʼ"“”]/g, '');
  s = s.replace(/[^a-z,\- ]+/g, ' ');
  return s.replace(/\s+/g, ' ').trim();
}

const ARTICLES = new Set([
  'al',
  'el',
  'ul',
  'il',
  'ad',
  'ar',
  'as',
  'at',
  'az',
  'an',
  'ash',
  'ed',
  'es',
  'er',
  'ez',
  'et',
  'ud',
  'ut',
  'us',
  'ur',
  'uz',
  'ud',
]);
const SEPARATORS = new Set([
  'bin',
  'ibn',
  'ben',
  'bint',
  'bent',
  'binti',
  'ould',
  'walad',
  'oglu',
  'ogly',
  'uulu',
]);
const KUNYA_HEADS = new Set(['abu', 'abou', 'abo', 'ebu', 'abi', 'aba', 'umm', 'um', 'oum', 'umm']);
const ABD_HEADS = new Set([
  'abd',
  'abdel',
  'abdul',
  'abdal',
  'abdoul',
  'abdol',
  'abdil',
  'abdu',
  'abdo',
  'abdal',
  'abdel',
  'abdi',
]);
const DIN = new Set([
  'din',
  'deen',
  'dine',
  'ddin',
  'ddine',
  'uddin',
  'eddine',
  'eddin',
  'addin',
  'aldin',
  'eldin',
  'uldin',
]);
const ALLAH = new Set(['allah', 'ullah', 'ulla', 'alla', 'allakh', 'ullakh']);
/** Names that begin with "al"/"el" as letters of the name, not as the article. */
const AL_NAMES = new Set([
  'alaa',
  'ala',
  'alaaeddin',
  'alaeddin',
  'alaaldin',
  'ali',
  'aly',
  'alawi',
  'alam',
  'alan',
  'alia',
  'aliya',
  'alpaslan',
  'alparslan',
  'alper',
  'altan',
  'ilyas',
  'elias',
  'elyas',
  'ilham',
  'elham',
  'alexander',
  'alexandre',
  'aleksandr',
  'aleksei',
  'alexei',
  'albert',
  'alfred',
  'alberto',
  'elena',
  'alina',
  'allah',
  'alla',
]);

export interface LatinTokens {
  tokens: string[];
  articled: Set<number>;
  kunyas: Set<number>;
  /** Number of leading tokens that form the surname ("SURNAME, Given" order). */
  surnameFirst: number;
}

/** Resolves "abdurrahman" / "abdelrahman" / "abderrahmane" to "abd" + "rahman(e)". */
function splitAbd(tok: string): string | null {
  const m = /^abd([aeiou]*)(l?)(.*)$/.exec(tok);
  if (!m || m[3].length < 2) return null;
  let rest = m[3];
  // Sun-letter assimilation writes the article as a doubled consonant: abd-ur-rahman.
  if (!m[2] && rest.length > 2 && rest[0] === rest[1]) rest = rest.slice(1);
  if (m[2] && rest.startsWith('l')) rest = m[2] + rest; // abdullah: keep the l of Allah
  return 'abd' + rest;
}

/** Resolves "salahuddin" / "nasreddine" / "salahaldin" to "salah" + "din". */
function splitDin(tok: string): string | null {
  const m = /^(.{3,}?)(?:[aeiou]?l?)d?(?:din|deen)e?$/.exec(tok);
  return m ? m[1] + 'din' : null;
}

/**
 * Tokenises a normalised Latin name: resolves "SURNAME, Given" order, articles (al-/el-/ul-),
 * separators (bin/ibn/ben), compounds (Abd al-Rahman, Salah ad-Din, Nasr Allah) and kunyas (Abu X).
 *
 * @example tokeniseLatin(normaliseLatin('AL-JUBOURI, Abd al-Rahman')).tokens // => ['abdrahman', 'jubouri']
 */
export function tokeniseLatin(normalised: string, rawForCase?: string): LatinTokens {
  let text = normalised;
  let surnameFirst = 0;
  const comma = text.indexOf(',');
  let surnameWords: string[] = [];
  if (comma !== -1) {
    surnameWords = text.slice(0, comma).split(/[\s]+/).filter(Boolean);
    text = text.slice(comma + 1).replace(/,/g, ' ') + ' ' + text.slice(0, comma);
  } else if (rawForCase) {
    // "KADHIM Ali Hasan": a leading all-capitals word before mixed-case words is the surname.
    const words = rawForCase.trim().split(/\s+/);
    let k = 0;
    while (k < words.length - 1 && /\p{Lu}{2,}/u.test(words[k]) && words[k] === words[k].toUpperCase()) k++;
    if (k > 0 && k < words.length && words.slice(k).some((w) => w !== w.toUpperCase())) {
      surnameWords = normaliseLatin(words.slice(0, k).join(' ')).split(' ');
      text = normaliseLatin(words.slice(k).join(' ')) + ' ' + normaliseLatin(words.slice(0, k).join(' '));
    }
  }
  const words: { w: string; art: boolean }[] = [];
  for (const chunk of text.split(/\s+/).filter(Boolean)) {
    const parts = chunk.split('-').filter(Boolean);
    for (let i = 0; i < parts.length; i++) words.push({ w: parts[i], art: false });
  }
  const tokens: string[] = [];
  const articled = new Set<number>();
  const kunyas = new Set<number>();
  let article = false;
  let pendingAbd = false;
  let pendingKunya: string | null = null;
  for (let i = 0; i < words.length; i++) {
    let w = words[i].w;
    const hasNext = i < words.length - 1;
    if (SEPARATORS.has(w) && hasNext) continue;
    if (ARTICLES.has(w) && hasNext) {
      article = true;
      continue;
    }
    // "Aljubouri" written as one word; only for long words so that Ali, Alaa stay names.
    if (/^[ae]l[^aeiouy]/.test(w) && w.length >= 7 && !AL_NAMES.has(w) && !/^[ae]ll/.test(w)) {
      w = w.slice(2);
      article = true;
    }
    const wasArticled = article;
    article = false;
    if (pendingAbd) {
      tokens[tokens.length - 1] =
        splitAbd('abd' + (ALLAH.has(w) ? 'al' + w.replace(/^[aeiou]l/, 'l') : w)) ?? 'abd' + w;
      pendingAbd = false;
      continue;
    }
    if (pendingKunya !== null) {
      tokens.push(pendingKunya + ' ' + (splitAbd(w) ?? w));
      kunyas.add(tokens.length - 1);
      pendingKunya = null;
      continue;
    }
    if (tokens.length > 0 && !kunyas.has(tokens.length - 1) && (DIN.has(w) || ALLAH.has(w))) {
      tokens[tokens.length - 1] += DIN.has(w) ? 'din' : 'allah';
      continue;
    }
    if (KUNYA_HEADS.has(w) && hasNext) {
      pendingKunya =
        w.startsWith('u') || w.startsWith('o') ? (w === 'oum' || w.startsWith('um') ? 'umm' : 'abu') : 'abu';
      continue;
    }
    if (ABD_HEADS.has(w) && hasNext) {
      tokens.push('abd');
      pendingAbd = true;
      continue;
    }
    // One-word kunya: Abubakar, Aboubakr.
    const k = /^(abu|abou)([^aeiou].{2,})$/.exec(w);
    if (k && tokens.length === 0) {
      tokens.push('abu ' + k[2]);
      kunyas.add(tokens.length - 1);
      continue;
    }
    let t = w;
    if (t.startsWith('abd') && t.length > 5) t = splitAbd(t) ?? t;
    else if (t.length > 6) t = splitDin(t) ?? t;
    tokens.push(t);
    if (wasArticled) articled.add(tokens.length - 1);
  }
  if (pendingKunya !== null) tokens.push(pendingKunya);
  if (surnameWords.length > 0) {
    const n = Math.min(surnameWords.filter((w) => !ARTICLES.has(w)).length || 1, tokens.length - 1);
    surnameFirst = Math.max(0, n);
  }
  return { tokens, articled, kunyas, surnameFirst };
}

/**
 * The Latin side of the phonetic skeleton: consonant classes shared with Arabic script
 * (kh→x, gh→G, sh/ch→S, th→s as ث, dh→D as ذ/ظ/ض, q/k→k), diphthongs ai/ay/ei/ee→y (ي),
 * i→i and o/u/ou→u kept as weak vowels, a/e dropped as Arabic script drops short vowels.
 * g and c stay ambiguous letters (g is ق in Iraq, ج in Egypt, ه in Russian; c is ج in Turkish).
 *
 * @example latinSkeleton('kadhim') // => 'kazim'
 * @example latinSkeleton('husayn') // => 'husyn'
 */
export function latinSkeleton(token: string): string {
  if (token.startsWith('abu ')) return 'A' + latinSkeleton(token.slice(4));
  if (token === 'abu') return 'A';
  if (token.startsWith('umm ')) return 'M' + latinSkeleton(token.slice(4));
  // Joined compounds must not create digraphs across the seam (abd+halim is not "dh").
  if (token.startsWith('abd') && token.length > 4)
    return finishSkeleton('bd' + latinSkeleton(token.slice(3)));
  // Russian surnames and patronymics are built on the father's or grandfather's name: Guseynov, Akhmedovich.
  let s = token.replace(/[^a-z]/g, '');
  if (s.length >= 6) s = s.replace(/(?:ovich|evich|ovna|evna|ova|eva|ov|ev)$/, '');
  // A written x is "ks" (Maxamed); it must be resolved before kh becomes the skeleton's x (خ).
  s = s
    .replace(/x/g, 'ks')
    .replace(/tch|sch|sh|ch/g, 'S')
    .replace(/kh/g, 'x')
    .replace(/gh/g, 'G')
    .replace(/th/g, 'T')
    .replace(/dh/g, 'D')
    .replace(/zh/g, 'j')
    .replace(/dj|dzh/g, 'j')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/v/g, 'w')
    .replace(/p/g, 'b');
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if ('aeiouy'.includes(ch)) {
      let j = i;
      while (j < s.length && 'aeiouy'.includes(s[j])) j++;
      const cluster = s.slice(i, j);
      const initial = i === 0;
      if (initial && cluster[0] === 'y' && cluster.length > 1) {
        // Initial y before a vowel is the consonant ي: Yusuf, Yahya.
        out += 'y' + vowelClass(cluster.slice(1), false);
      } else {
        out += vowelClass(cluster, initial);
      }
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return finishSkeleton(out);
}

function vowelClass(cluster: string, initial: boolean): string {
  // Diphthongs and long i are the letter ي; written o/u/ou is و or a damma; a and e are fatha/kasra, unwritten in Arabic.
  if (cluster.includes('y') || /ai|ei|ae|ee|ii|ie|ia/.test(cluster)) {
    if (initial && cluster === 'y') return '';
    // Luay, Louai: a و before the diphthong (لؤي).
    return /^[ou][aeiy]/.test(cluster) ? 'uy' : 'y';
  }
  if (/[ou]/.test(cluster)) return 'u';
  if (cluster.includes('i')) return 'i';
  return '';
}
