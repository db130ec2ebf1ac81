/**
 * Name parsing: one written name to tokens with roles (given, father, grandfather, family or
 * tribe, kunya), in whichever script it was written.
 */
import { normaliseArabic, tokeniseArabic } from './normalise-arabic';
import { normaliseLatin, tokeniseLatin, transliterateCyrillic } from './normalise-latin';
import { coarseKey, keyId, textId, tokenKey } from './name-key';
import type { NameRole, NameToken, ParsedName, Script } from './types';

const LETTER = /\p{L}/u;

/**
 * Which script a name is written in: 'mixed' when letters of two scripts share one name,
 * 'unknown' when letters of a script the engine cannot read appear (CJK, Hebrew, …), 'none'
 * when there are no letters at all.
 *
 * @example detectScript('حسين') // => 'arabic'
 * @example detectScript('Husayn حسين') // => 'mixed'
 */
export function detectScript(raw: string): Script | 'mixed' | 'unknown' | 'none' {
  let ar = 0,
    la = 0,
    cy = 0,
    other = 0;
  // Char-code ranges, not regexes: this runs on every name of every record.
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) la++;
    else if (c < 128) continue;
    else if (
      (c >= 0x600 && c <= 0x6ff) ||
      (c >= 0x750 && c <= 0x77f) ||
      (c >= 0x8a0 && c <= 0x8ff) ||
      (c >= 0xfb50 && c <= 0xfdff) ||
      (c >= 0xfe70 && c <= 0xfeff)
    ) {
      // Arabic punctuation and digits are not letters but do not make a name mixed either.
      if (
        c !== 0x60c &&
        c !== 0x61b &&
        c !== 0x61f &&
        !(c >= 0x660 && c <= 0x669) &&
        !(c >= 0x6f0 && c <= 0x6f9)
      )
        ar++;
    } else if (c >= 0x400 && c <= 0x4ff) cy++;
    else if ((c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff) || (c >= 0x300 && c <= 0x36f)) la++;
    else if (LETTER.test(raw[i])) other++;
  }
  if (other > 0) return 'unknown';
  const kinds = (ar > 0 ? 1 : 0) + (la > 0 ? 1 : 0) + (cy > 0 ? 1 : 0);
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return ar > 0 ? 'arabic' : cy > 0 ? 'cyrillic' : 'latin';
}

/**
 * Parses one written name. Arabic order is given, father, grandfather, then tribe or family;
 * a token that carried the article (al-Jubouri, الجبوري) or came before the comma in
 * "SURNAME, Given" is the family part. A name that opens with Abu/Umm is a kunya.
 *
 * @example parseName('AL-JUBOURI, Husayn Hasan').tokens.map((t) => t.role) // => ['given', 'father', 'family']
 * @example parseName('أبو عماد العراقي').kind // => 'kunya'
 */
export function parseName(raw: string): ParsedName {
  const detected = detectScript(raw);
  const script: Script = detected === 'arabic' || detected === 'cyrillic' ? detected : 'latin';
  let texts: string[];
  let articled: Set<number>;
  let kunyas: Set<number>;
  let surnameFirst = 0;
  if (detected === 'arabic') {
    ({ tokens: texts, articled, kunyas } = tokeniseArabic(normaliseArabic(raw)));
  } else if (detected === 'mixed') {
    // Keep only the Latin letters of a mixed name rather than lose it; validation reports it.
    const lat = tokeniseLatin(normaliseLatin(raw.replace(/[^\p{Script=Latin}\s,\-']/gu, ' ')), raw);
    ({ tokens: texts, articled, kunyas, surnameFirst } = lat);
  } else {
    const text = detected === 'cyrillic' ? transliterateCyrillic(raw) : raw;
    ({
      tokens: texts,
      articled,
      kunyas,
      surnameFirst,
    } = tokeniseLatin(normaliseLatin(text), detected === 'cyrillic' ? undefined : raw));
  }
  const keyScript = script === 'arabic' ? 'arabic' : 'latin';
  const n = texts.length;
  const roles: NameRole[] = new Array(n).fill('other');
  for (let i = n - surnameFirst; i < n; i++) roles[i] = 'family';
  for (const i of kunyas) roles[i] = 'kunya';
  for (const i of articled) if (i > 0 && roles[i] === 'other') roles[i] = 'family';
  const order: NameRole[] = ['given', 'father', 'grandfather'];
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (roles[i] !== 'other') continue;
    if (next < order.length) roles[i] = order[next++];
    else roles[i] = 'family';
  }
  const tokens: NameToken[] = texts.map((text, i) => {
    const key = tokenKey(text, keyScript);
    const tid = keyScript === 'latin' ? textId(text) : -1;
    return { text, key, coarse: coarseKey(key), kid: keyId(key), tid, role: roles[i] };
  });
  const kind = n > 0 && roles[0] === 'kunya' ? 'kunya' : 'name';
  return { raw, script, kind, tokens };
}
