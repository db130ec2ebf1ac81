import { COUNTRY_CODES, isCountryCode } from '../../platform/countries';

/**
 * Nationalities as a manifest writes them: an ISO alpha-2 or alpha-3 code, or a common name in
 * English or Arabic ("Turkey", "Türkiye", "تركيا", "Russian Federation", "UK"). Names come from the
 * runtime's CLDR data (Intl.DisplayNames) for every code, plus the usual short forms and demonyms
 * that CLDR does not list.
 */
const EXTRA: Record<string, string> = {
  turkey: 'TR',
  turkiye: 'TR',
  russia: 'RU',
  'russian federation': 'RU',
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  syria: 'SY',
  'syrian arab republic': 'SY',
  iran: 'IR',
  'czech republic': 'CZ',
  holland: 'NL',
  'the netherlands': 'NL',
  'ivory coast': 'CI',
  palestine: 'PS',
  'viet nam': 'VN',
  laos: 'LA',
  burma: 'MM',
  'south korea': 'KR',
  'north korea': 'KP',
  macedonia: 'MK',
  kosovo: 'XK',
  iraqi: 'IQ',
  syrian: 'SY',
  turkish: 'TR',
  russian: 'RU',
  canadian: 'CA',
  tunisian: 'TN',
  saudi: 'SA',
  moroccan: 'MA',
  egyptian: 'EG',
  jordanian: 'JO',
  french: 'FR',
  german: 'DE',
  british: 'GB',
  belgian: 'BE',
  dutch: 'NL',
  chechen: 'RU',
  سوريا: 'SY',
  سورية: 'SY',
  العراق: 'IQ',
  عراقي: 'IQ',
  سوري: 'SY',
  تركي: 'TR',
  روسي: 'RU',
  كندي: 'CA',
  السعودية: 'SA',
  بريطانيا: 'GB',
  امريكا: 'US',
  أمريكا: 'US',
  'الولايات المتحدة': 'US',
  روسيا: 'RU',
  تركيا: 'TR',
  فلسطين: 'PS',
};

const ALPHA3: Record<string, string> = {
  IRQ: 'IQ',
  SYR: 'SY',
  TUR: 'TR',
  RUS: 'RU',
  CAN: 'CA',
  TUN: 'TN',
  SAU: 'SA',
  MAR: 'MA',
  EGY: 'EG',
  JOR: 'JO',
  FRA: 'FR',
  DEU: 'DE',
  AZE: 'AZ',
  UZB: 'UZ',
  TJK: 'TJ',
  KAZ: 'KZ',
  KGZ: 'KG',
  LBN: 'LB',
  LBY: 'LY',
  DZA: 'DZ',
  YEM: 'YE',
  KWT: 'KW',
  GBR: 'GB',
  BEL: 'BE',
  NLD: 'NL',
  SWE: 'SE',
  AUT: 'AT',
  DNK: 'DK',
  NOR: 'NO',
  USA: 'US',
  AUS: 'AU',
  ESP: 'ES',
  ITA: 'IT',
  PAK: 'PK',
  AFG: 'AF',
  IND: 'IN',
  IDN: 'ID',
  MYS: 'MY',
  PHL: 'PH',
  CHN: 'CN',
  SDN: 'SD',
  SOM: 'SO',
  NGA: 'NG',
  GEO: 'GE',
  TKM: 'TM',
  ALB: 'AL',
  BIH: 'BA',
  XKX: 'XK',
  MKD: 'MK',
  FIN: 'FI',
  CHE: 'CH',
  IRL: 'IE',
  PRT: 'PT',
  POL: 'PL',
  UKR: 'UA',
  IRN: 'IR',
  ARE: 'AE',
  QAT: 'QA',
  BHR: 'BH',
  OMN: 'OM',
  PSE: 'PS',
  MRT: 'MR',
  MDV: 'MV',
  BGD: 'BD',
  TTO: 'TT',
  SEN: 'SN',
};

function key(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064B-\u0652]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

let byName: Map<string, string> | null = null;

function names(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  for (const locale of ['en', 'ar', 'fr']) {
    const display = new Intl.DisplayNames([locale], { type: 'region' });
    for (const code of COUNTRY_CODES) {
      const name = display.of(code);
      if (name && name !== code) byName.set(key(name), code);
    }
  }
  for (const [name, code] of Object.entries(EXTRA)) byName.set(key(name), code);
  return byName;
}

/**
 * The ISO 3166-1 alpha-2 code for a code or name, or null when it is not recognised.
 *
 * @example resolveNationality('تركيا') // => 'TR'
 * @example resolveNationality('rus')   // => 'RU'
 */
export function resolveNationality(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  const upper = text.toUpperCase();
  if (upper.length === 2 && isCountryCode(upper)) return upper;
  if (upper.length === 3 && ALPHA3[upper]) return ALPHA3[upper];
  return names().get(key(text)) ?? null;
}
