/**
 * Arabic-script normalisation. Records from different authorities write the same name with
 * different hamza seats, taa marbuta or haa, Persian or Arabic kaf and yaa, with or without
 * vowel marks and tatweel; all of these must compare equal.
 */

const HARAKAT = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u08D3-\u08FF]/g;
const TATWEEL = /\u0640/g;

const LETTER_FOLD: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ؤ: 'و',
  ئ: 'ي',
  ء: '',
  ة: 'ه',
  ۀ: 'ه',
  ە: 'ه',
  ھ: 'ه',
  ہ: 'ه',
  ۃ: 'ه',
  ى: 'ي',
  ی: 'ي',
  ې: 'ي',
  ۍ: 'ي',
  ێ: 'ي',
  ے: 'ي',
  ک: 'ك',
  ڪ: 'ك',
};

/** Arabic-Indic (U+0660) and Extended Arabic-Indic / Persian (U+06F0) digits to ASCII. */
function foldDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/**
 * Folds an Arabic-script string to one canonical spelling: no vowel marks or tatweel, one alef,
 * ه for ة, ي for ى/ی, ك for ک, ASCII digits. Persian letters with no Arabic twin (پ چ گ ژ) are
 * kept because they carry sounds Arabic letters do not.
 *
 * @example normaliseArabic('أَحْمَد') // => 'احمد'
 * @example normaliseArabic('فاطمة') // => 'فاطمه'
 */
export function normaliseArabic(text: string): string {
  let s = text.normalize('NFC').replace(HARAKAT, '').replace(TATWEEL, '');
  s = foldDigits(s);
  let out = '';
  for (const ch of s) out += LETTER_FOLD[ch] ?? ch;
  return out.replace(/\s+/g, ' ').trim();
}

/** Tokens that begin with ال but whose ال is part of the name, not the article. */
const NOT_ARTICLE = new Set(['الله', 'الياس', 'الهام', 'الفت', 'الطاف']);
const SEPARATORS = new Set(['بن', 'ابن', 'بنت']);
const KUNYA_HEADS = new Set(['ابو', 'ابا', 'ابي', 'ام']);

export interface ArabicTokens {
  tokens: string[];
  /** Index of tokens that carried the article (a tribe, family or nisba such as الجبوري). */
  articled: Set<number>;
  /** Index of kunya heads (ابو X): the token holds "ابو X" joined. */
  kunyas: Set<number>;
}

/**
 * Splits a normalised Arabic-script name into name tokens, resolving the article and the
 * compounds that are one name although written as two words (عبد الله, صلاح الدين, ابو بكر).
 *
 * @example tokeniseArabic(normaliseArabic('عبد الرحمن الجبوري')).tokens // => ['عبدرحمن', 'جبوري']
 */
export function tokeniseArabic(normalised: string): ArabicTokens {
  const words = normalised.split(/[^\u0600-\u06FF\u0750-\u077F0-9]+/).filter(Boolean);
  const tokens: string[] = [];
  const articled = new Set<number>();
  const kunyas = new Set<number>();
  let pendingAbd = false;
  let pendingKunya: string | null = null;
  for (let raw of words) {
    if (SEPARATORS.has(raw)) continue;
    let hadArticle = false;
    if (raw === 'ال') continue;
    if (raw.startsWith('ال') && raw.length > 3 && !NOT_ARTICLE.has(raw)) {
      raw = raw.slice(2);
      hadArticle = true;
    }
    // عبدالرحمن written as one word still carries the article inside it.
    if (raw.startsWith('عبدال') && raw.length > 5 && raw !== 'عبدالله') raw = 'عبد' + raw.slice(5);
    if (pendingAbd) {
      tokens[tokens.length - 1] += raw;
      pendingAbd = false;
      continue;
    }
    if (pendingKunya !== null) {
      tokens.push(pendingKunya + ' ' + raw);
      kunyas.add(tokens.length - 1);
      pendingKunya = null;
      continue;
    }
    if ((raw === 'دين' || raw === 'الله') && tokens.length > 0 && !kunyas.has(tokens.length - 1)) {
      tokens[tokens.length - 1] += raw;
      continue;
    }
    if (KUNYA_HEADS.has(raw)) {
      pendingKunya = raw === 'ام' ? 'ام' : 'ابو';
      continue;
    }
    tokens.push(raw);
    if (hadArticle) articled.add(tokens.length - 1);
    if (raw === 'عبد') pendingAbd = true;
  }
  if (pendingKunya !== null) tokens.push(pendingKunya);
  return { tokens, articled, kunyas };
}

const AR_SKELETON: Record<string, string> = {
  ب: 'b',
  پ: 'b',
  ت: 't',
  ٹ: 't',
  ټ: 't',
  ث: 'T',
  ج: 'j',
  چ: 'S',
  ح: 'h',
  خ: 'x',
  د: 'd',
  ډ: 'd',
  ڈ: 'd',
  ذ: 'z',
  ر: 'r',
  ړ: 'r',
  ڑ: 'r',
  ز: 'z',
  ژ: 'j',
  ږ: 'j',
  س: 's',
  ش: 'S',
  ښ: 'S',
  ص: 's',
  ض: 'D',
  ط: 't',
  ظ: 'D',
  ع: '',
  غ: 'G',
  ف: 'f',
  ڤ: 'w',
  ق: 'k',
  ك: 'k',
  گ: 'g',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ڼ: 'n',
  ں: 'n',
  ه: 'h',
  و: 'w',
  ي: 'y',
  ا: '',
  ځ: 'z',
  څ: 's',
};

/**
 * Maps one normalised Arabic-script token to the phonetic skeleton that Latin tokens also map to
 * (see latinSkeleton): consonants by class, long vowels as w/y, short vowels absent as in the script.
 *
 * @example arabicSkeleton('محمد') // => 'mhmd'
 */
export function arabicSkeleton(token: string): string {
  if (token.startsWith('ابو ') || token === 'ابو') return 'A' + arabicSkeleton(token.slice(4));
  if (token.startsWith('ام ') || token === 'ام') return 'M' + arabicSkeleton(token.slice(3));
  let out = '';
  for (const ch of token) {
    const m = AR_SKELETON[ch];
    if (m === undefined) continue;
    out += m;
  }
  return finishSkeleton(out);
}

/** Shared tail of both scripts' skeletons: collapse doubles, drop a final h (ة, "-ah"). */
export function finishSkeleton(s: string): string {
  let out = '';
  for (const ch of s) if (out[out.length - 1] !== ch) out += ch;
  while (out.length > 1 && out.endsWith('h')) out = out.slice(0, -1);
  return out;
}
