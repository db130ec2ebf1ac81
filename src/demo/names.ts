/**
 * Name lexicons for the demo: each name once in Arabic script with the Latin spellings that
 * different clerks use for it. Four naming traditions, because the detainees come from many
 * countries: Arab chains (given, father, grandfather, tribe or nisba), Turkic and Caucasian
 * given-and-surname names, and Western names of converts. All names are common first names and
 * generic family names; the people they make up are fictional.
 *
 * The identity engine's synthetic register (src/engines/identity/synthetic-register.ts) keeps its
 * lexicon private and shapes records for scoring, not persons with Arabic-script surnames in four
 * traditions, so the demo keeps its own.
 */
import type { Random } from './random';

/** One name: its Arabic-script form and its Latin spellings, the most usual first. */
export interface Lexeme {
  ar: string;
  lat: string[];
}

export type Tradition = 'arab' | 'turkic' | 'caucasus' | 'western';

function lexemes(text: string): Lexeme[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [ar, lat] = line.trim().split('|');
      return { ar, lat: lat.split(',') };
    });
}

const ARAB_MALE = lexemes(`
محمد|Muhammad,Mohammed,Mohamed,Mohammad
احمد|Ahmad,Ahmed
علي|Ali,Aly
حسين|Husayn,Hussein,Hussain
حسن|Hasan,Hassan
عبدالله|Abdullah,Abdallah,Abd Allah
محمود|Mahmud,Mahmoud
ابراهيم|Ibrahim,Ebrahim
عمر|Umar,Omar
خالد|Khalid,Khaled
يوسف|Yusuf,Yousef,Yousif
عبدالرحمن|Abd al-Rahman,Abdulrahman,Abdel Rahman
مصطفى|Mustafa,Moustafa
قاسم|Qasim,Kasim,Gasim
جاسم|Jasim,Jassim
صالح|Salih,Saleh
سعيد|Said,Saeed
اسماعيل|Ismail,Ismael
عباس|Abbas
حمزة|Hamza,Hamzah
سليمان|Sulayman,Suleiman
ياسر|Yasir,Yasser
فيصل|Faysal,Faisal
وليد|Walid,Waleed
زياد|Ziyad,Ziad
طارق|Tariq,Tarek
عماد|Imad,Emad
صلاح الدين|Salah al-Din,Salahuddin
عبدالكريم|Abd al-Karim,Abdulkarim
حيدر|Haydar,Haider
فاضل|Fadil,Fadhil
ناصر|Nasir,Nasser
زيد|Zayd,Zaid
اسامة|Usama,Osama
عمار|Ammar
بلال|Bilal
منصور|Mansur,Mansour
مازن|Mazin,Mazen
انس|Anas
عثمان|Uthman,Othman
`);

const ARAB_FEMALE = lexemes(`
فاطمة|Fatima,Fatimah
زينب|Zaynab,Zainab
خديجة|Khadija,Khadijah
مريم|Maryam,Mariam
عائشة|Aisha,Aysha
هدى|Huda,Hoda
امل|Amal
ليلى|Layla,Leila
سميرة|Samira,Sameera
رقية|Ruqayya,Rukaya
نادية|Nadia,Nadiya
بشرى|Bushra
جميلة|Jamila,Jameela
اسماء|Asma,Asmaa
`);

const ARAB_FAMILY = lexemes(`
الجبوري|al-Jubouri,al-Jaburi,Al Juburi
الدليمي|al-Dulaimi,al-Dulaymi,Al Dulaimi
العبيدي|al-Obaidi,al-Ubaydi
التميمي|al-Tamimi,Al Tamimi
الشمري|al-Shammari,al-Shamari
الزبيدي|al-Zubaidi,al-Zubaydi
الجنابي|al-Janabi
العزاوي|al-Azzawi,al-Azawi
الكبيسي|al-Kubaisi,al-Kubaysi
الراوي|al-Rawi
العاني|al-Ani
البياتي|al-Bayati
الجميلي|al-Jumaili,al-Jumayli
العكيدي|al-Ogaidi,al-Ukaydi
الحسيني|al-Husayni,al-Husseini
القيسي|al-Qaysi,al-Kaisi
الحمد|al-Hamad,Al Hamad
الخلف|al-Khalaf,Al Khalaf
العلي|al-Ali,Al Ali
الاحمد|al-Ahmad,Al Ahmed
`);

const TURKIC_MALE = lexemes(`
محمد|Mehmet,Mehmed
احمد|Ahmet,Ahmed
مصطفى|Mustafa
علي|Ali
حسن|Hasan
ابراهيم|İbrahim,Ibrahim
يوسف|Yusuf
عمر|Ömer,Omer
امره|Emre
بوراك|Burak
فاتح|Fatih
عثمان|Osman
ابوبكر|Ebubekir,Abubakir
رسول|Rasul,Resul
تيمور|Timur,Temir
`);

const TURKIC_FEMALE = lexemes(`
عائشة|Ayşe,Ayse
فاطمة|Fatma
امينة|Emine
زينب|Zeynep
خديجة|Hatice
مريم|Meryem
`);

const TURKIC_FAMILY = lexemes(`
يلماز|Yılmaz,Yilmaz
كايا|Kaya
دمير|Demir
شاهين|Şahin,Sahin
جليك|Çelik,Celik
يلدز|Yıldız,Yildiz
اوزتورك|Öztürk,Ozturk
ايدين|Aydın,Aydin
ارسلان|Arslan,Aslan
قره|Kara
نظروف|Nazarov
يوسوبوف|Yusupov,Yusupow
`);

const CAUCASUS_MALE = lexemes(`
محمد|Magomed,Mohammed
روسلان|Ruslan
اسلام|Islam
اصلان|Aslan
شامل|Shamil,Chamil
زليمخان|Zelimkhan,Zelimhan
ابراهيم|Ibragim,Ibrahim
عمر|Umar,Oumar
خمزات|Khamzat,Hamzat
ادم|Adam
منصور|Mansur,Mansour
مراد|Murad,Mourad
`);

const CAUCASUS_FEMALE = lexemes(`
مدينة|Madina
ليلى|Leyla,Layla
زاريما|Zarema
خوا|Khava,Hava
`);

const CAUCASUS_FAMILY = lexemes(`
ماغوميدوف|Magomedov,Magomedow
عمروف|Umarov,Oumarov
ابراهيموف|Ibragimov,Ibrahimov
خاسانوف|Khasanov,Hasanov
دوداييف|Dudayev,Dudaev
اسلاموف|Islamov
علييف|Aliyev,Aliev
باساييف|Basayev,Basaev
`);

const WESTERN_MALE = lexemes(`
جان|Jean
توماس|Thomas,Tomas
ديفيد|David
دانيال|Daniel
مايكل|Michael,Mikael
كريستيان|Christian,Kristian
مارتن|Martin
لوكاس|Lucas,Lukas
`);

const WESTERN_FEMALE = lexemes(`
ماري|Marie,Mary
سارة|Sarah,Sara
ايما|Emma
لورا|Laura
`);

const WESTERN_FAMILY = lexemes(`
مارتن|Martin
دوبوا|Dubois
سميث|Smith
مولر|Müller,Mueller
شميت|Schmidt,Schmitt
يانسن|Jansen,Janssen
بيترز|Peeters,Peters
لارسن|Larsen,Larson
براون|Brown
ويليامز|Williams
`);

export const LEXICON: Record<Tradition, { male: Lexeme[]; female: Lexeme[]; family: Lexeme[] }> = {
  arab: { male: ARAB_MALE, female: ARAB_FEMALE, family: ARAB_FAMILY },
  turkic: { male: TURKIC_MALE, female: TURKIC_FEMALE, family: TURKIC_FAMILY },
  caucasus: { male: CAUCASUS_MALE, female: CAUCASUS_FEMALE, family: CAUCASUS_FAMILY },
  western: { male: WESTERN_MALE, female: WESTERN_FEMALE, family: WESTERN_FAMILY },
};

/** Arabic given names used in kunyas (Abu X, Umm X) whatever the person's own tradition. */
const KUNYA_NAMES = ARAB_MALE.slice(0, 30);

/** A fictional person's name parts; each rendering chooses spellings and order. */
export interface PersonName {
  tradition: Tradition;
  given: Lexeme;
  father: Lexeme;
  /** Arab chains only. */
  grandfather: Lexeme | null;
  /** The tribe or nisba (Arab), or the surname (others). */
  family: Lexeme | null;
  mother: Lexeme;
  /** `Abu X` or `Umm X`, with the nisba of the country the person is from. */
  kunya: { ar: string; lat: string[] } | null;
}

/**
 * Draws a person's name parts in a tradition.
 *
 * @example drawName(rnd, 'arab', 'M', ['العراقي', 'al-Iraqi']).given.ar // e.g. 'حسين'
 */
export function drawName(
  rnd: Random,
  tradition: Tradition,
  sex: 'M' | 'F',
  nisba: [string, string] | null,
): PersonName {
  const lex = LEXICON[tradition];
  const given = rnd.pick(sex === 'M' ? lex.male : lex.female);
  const father = rnd.pick(lex.male);
  const arab = tradition === 'arab';
  const family = arab ? (rnd.next() < 0.75 ? rnd.pick(lex.family) : null) : rnd.pick(lex.family);
  let kunya: PersonName['kunya'] = null;
  if (rnd.next() < (sex === 'M' ? 0.4 : 0.15)) {
    const k = rnd.pick(KUNYA_NAMES);
    const [arWord, latWords] = sex === 'M' ? ['ابو', ['Abu', 'Abou']] : ['ام', ['Umm', 'Oum']];
    const lat = latWords.flatMap((w) =>
      k.lat.slice(0, 2).map((l) => `${w} ${l}${nisba ? ` ${nisba[1]}` : ''}`),
    );
    kunya = { ar: `${arWord} ${k.ar}${nisba ? ` ${nisba[0]}` : ''}`, lat };
  }
  return {
    tradition,
    given,
    father,
    grandfather: arab ? rnd.pick(lex.male) : null,
    family,
    mother: rnd.pick(LEXICON[tradition].female),
    kunya,
  };
}

/** The given names (given, father, grandfather) in one spelling style. */
export function latinGiven(p: PersonName, style: number): string {
  const parts =
    p.tradition === 'arab' ? [p.given, p.father, ...(p.grandfather ? [p.grandfather] : [])] : [p.given];
  return parts.map((l) => spell(l, style)).join(' ');
}

/** The family name in Latin; Arab chains without a tribe end with the grandfather. */
export function latinFamily(p: PersonName, style: number): string {
  if (p.family) return spell(p.family, style);
  return '';
}

export function arabicGiven(p: PersonName): string {
  return (p.tradition === 'arab' ? [p.given, p.father, ...(p.grandfather ? [p.grandfather] : [])] : [p.given])
    .map((l) => l.ar)
    .join(' ');
}

export function arabicFull(p: PersonName): string {
  return [arabicGiven(p), p.family?.ar].filter(Boolean).join(' ');
}

/** Given names then family name: the order Custodia stores as the legal Latin name. */
export function latinFull(p: PersonName, style: number): string {
  return [latinGiven(p, style), latinFamily(p, style)].filter(Boolean).join(' ');
}

/** A spelling of a name: style 0 is the usual one; other styles walk through the variants. */
export function spell(l: Lexeme, style: number): string {
  return l.lat[style % l.lat.length];
}

/** Whether two styles spell this person's Latin name differently. */
export function spellsDifferently(p: PersonName, a: number, b: number): boolean {
  return latinFull(p, a) !== latinFull(p, b);
}
