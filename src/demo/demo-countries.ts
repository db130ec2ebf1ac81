import type { Tradition } from './names';

/** A country the demo's detainees come from. */
export interface DemoCountry {
  code: string;
  /** As the foreign authority's file writes it. */
  name: string;
  tradition: Tradition;
  /** The nisba a kunya carries (Abu X al-Iraqi), Arabic and Latin. */
  nisba: [string, string] | null;
  /** People of this nationality in the pending transfer manifest at full scale (IQ and SY: the rest). */
  manifest: number;
  /** Relative share among the detainees in custody. */
  custody: number;
}

const c = (
  code: string,
  name: string,
  tradition: Tradition,
  nisba: [string, string] | null,
  manifest: number,
  custody: number,
): DemoCountry => ({
  code,
  name,
  tradition,
  nisba,
  manifest,
  custody,
});

/**
 * The demo's nationalities. The manifest has exactly 61 countries, with exactly 160 Turkish,
 * 130 Russian and 5 Canadian nationals (the mission's figures); Iraq and Syria take whatever the
 * others leave of the 5,700.
 */
export const DEMO_COUNTRIES: DemoCountry[] = [
  c('IQ', 'Iraq', 'arab', ['العراقي', 'al-Iraqi'], 0, 640),
  c('SY', 'Syria', 'arab', ['الشامي', 'al-Shami'], 0, 150),
  c('TR', 'Turkey', 'turkic', ['التركي', 'al-Turki'], 160, 12),
  c('RU', 'Russia', 'caucasus', ['الشيشاني', 'al-Shishani'], 130, 10),
  c('CA', 'Canada', 'western', ['الكندي', 'al-Kanadi'], 5, 0),
  c('TN', 'Tunisia', 'arab', ['التونسي', 'al-Tunisi'], 95, 14),
  c('SA', 'Saudi Arabia', 'arab', ['الجزراوي', 'al-Jazrawi'], 85, 14),
  c('MA', 'Morocco', 'arab', ['المغربي', 'al-Maghribi'], 70, 9),
  c('EG', 'Egypt', 'arab', ['المصري', 'al-Masri'], 70, 12),
  c('JO', 'Jordan', 'arab', ['الاردني', 'al-Urduni'], 60, 10),
  c('FR', 'France', 'western', ['الفرنسي', 'al-Faransi'], 55, 6),
  c('DE', 'Germany', 'western', ['الالماني', 'al-Almani'], 45, 4),
  c('AZ', 'Azerbaijan', 'turkic', ['الاذري', 'al-Adhari'], 40, 4),
  c('UZ', 'Uzbekistan', 'turkic', ['الاوزبكي', 'al-Uzbeki'], 40, 5),
  c('TJ', 'Tajikistan', 'turkic', ['الطاجيكي', 'al-Tajiki'], 35, 4),
  c('KZ', 'Kazakhstan', 'turkic', ['الكازاخي', 'al-Kazakhi'], 30, 3),
  c('KG', 'Kyrgyzstan', 'turkic', ['القرغيزي', 'al-Qirghizi'], 25, 2),
  c('LB', 'Lebanon', 'arab', ['اللبناني', 'al-Lubnani'], 30, 6),
  c('LY', 'Libya', 'arab', ['الليبي', 'al-Libi'], 25, 5),
  c('DZ', 'Algeria', 'arab', ['الجزائري', 'al-Jazairi'], 25, 4),
  c('YE', 'Yemen', 'arab', ['اليمني', 'al-Yamani'], 20, 5),
  c('KW', 'Kuwait', 'arab', ['الكويتي', 'al-Kuwaiti'], 15, 3),
  c('GB', 'United Kingdom', 'western', ['البريطاني', 'al-Baritani'], 20, 2),
  c('BE', 'Belgium', 'western', ['البلجيكي', 'al-Baljiki'], 20, 2),
  c('NL', 'Netherlands', 'western', ['الهولندي', 'al-Hulandi'], 15, 1),
  c('SE', 'Sweden', 'western', ['السويدي', 'al-Swidi'], 12, 1),
  c('AT', 'Austria', 'western', ['النمساوي', 'al-Nimsawi'], 8, 0),
  c('DK', 'Denmark', 'western', ['الدنماركي', 'al-Danimarki'], 8, 0),
  c('NO', 'Norway', 'western', ['النرويجي', 'al-Narwiji'], 5, 0),
  c('FI', 'Finland', 'western', ['الفنلندي', 'al-Finlandi'], 5, 0),
  c('ES', 'Spain', 'western', ['الاسباني', 'al-Isbani'], 8, 0),
  c('IT', 'Italy', 'western', ['الايطالي', 'al-Itali'], 6, 0),
  c('CH', 'Switzerland', 'western', ['السويسري', 'al-Swisri'], 4, 0),
  c('AU', 'Australia', 'western', ['الاسترالي', 'al-Usturali'], 6, 1),
  c('US', 'United States', 'western', ['الامريكي', 'al-Amriki'], 4, 1),
  c('ID', 'Indonesia', 'arab', ['الاندونيسي', 'al-Indunisi'], 20, 2),
  c('MY', 'Malaysia', 'arab', ['الماليزي', 'al-Maliziy'], 10, 1),
  c('PH', 'Philippines', 'arab', ['الفلبيني', 'al-Filibini'], 6, 0),
  c('PK', 'Pakistan', 'arab', ['الباكستاني', 'al-Bakistani'], 12, 2),
  c('AF', 'Afghanistan', 'arab', ['الافغاني', 'al-Afghani'], 12, 2),
  c('IN', 'India', 'arab', ['الهندي', 'al-Hindi'], 5, 0),
  c('BD', 'Bangladesh', 'arab', ['البنغالي', 'al-Bangali'], 3, 0),
  c('CN', 'China', 'turkic', ['التركستاني', 'al-Turkistani'], 15, 1),
  c('GE', 'Georgia', 'caucasus', ['الجورجي', 'al-Jurji'], 10, 1),
  c('AL', 'Albania', 'western', ['الالباني', 'al-Albani'], 8, 1),
  c('XK', 'Kosovo', 'western', ['الكوسوفي', 'al-Kusufi'], 10, 1),
  c('BA', 'Bosnia and Herzegovina', 'western', ['البوسني', 'al-Busni'], 8, 1),
  c('MK', 'North Macedonia', 'western', ['المقدوني', 'al-Maqduni'], 5, 0),
  c('RS', 'Serbia', 'western', ['الصربي', 'al-Sirbi'], 3, 0),
  c('SO', 'Somalia', 'arab', ['الصومالي', 'al-Sumali'], 8, 1),
  c('SD', 'Sudan', 'arab', ['السوداني', 'al-Sudani'], 10, 2),
  c('ER', 'Eritrea', 'arab', ['الارتري', 'al-Iritri'], 3, 0),
  c('ET', 'Ethiopia', 'arab', ['الحبشي', 'al-Habashi'], 3, 0),
  c('NG', 'Nigeria', 'arab', ['النيجيري', 'al-Nayjiri'], 3, 0),
  c('IR', 'Iran', 'arab', ['الايراني', 'al-Irani'], 4, 1),
  c('OM', 'Oman', 'arab', ['العماني', 'al-Umani'], 2, 0),
  c('BH', 'Bahrain', 'arab', ['البحريني', 'al-Bahraini'], 3, 1),
  c('QA', 'Qatar', 'arab', ['القطري', 'al-Qatari'], 2, 0),
  c('AE', 'United Arab Emirates', 'arab', ['الاماراتي', 'al-Imarati'], 2, 0),
  c('PS', 'Palestine', 'arab', ['الفلسطيني', 'al-Filastini'], 10, 3),
  c('MV', 'Maldives', 'arab', ['المالديفي', 'al-Maldifi'], 4, 0),
];

export const COUNTRY_BY_CODE = new Map(DEMO_COUNTRIES.map((x) => [x.code, x]));
