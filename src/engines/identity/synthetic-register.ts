/**
 * A deterministic generator of realistic registers for benchmarks, tests and demo data: persons
 * written several ways by different authorities (Iraqi/Levantine English, French, Turkish,
 * Russian clerks, Arabic-script intake), common-name namesakes told apart only by date of birth,
 * mother or third name, partial and swapped dates, kunyas, typos.
 */
import type { PersonRecord } from './types';

export interface SyntheticRecord {
  /** The true person this record describes. */
  person: string;
  record: PersonRecord;
}

export interface SyntheticOptions {
  seed: number;
  /** Number of distinct persons; records are about 1.8 per person. */
  persons: number;
  /** Share of persons who are namesakes of another person (same three name parts). */
  namesakeRate?: number;
}

/** Arabic | English spellings (Iraqi/Levantine habit); French, Turkish, Russian forms are derived. */
const MALE = `محمد|Muhammad,Mohammed,Mohammad,Mohamed:40
احمد|Ahmad,Ahmed:18
علي|Ali:16
حسين|Husayn,Hussein,Hussain:10
حسن|Hasan,Hassan:10
عبدالله|Abdullah,Abdallah,Abd Allah:10
محمود|Mahmud,Mahmoud:7
ابراهيم|Ibrahim:7
عمر|Umar,Omar:6
خالد|Khalid,Khaled:6
يوسف|Yusuf,Yousef,Yousif:5
عبد الرحمن|Abd al-Rahman,Abdulrahman,Abdul Rahman:5
مصطفى|Mustafa,Mostafa:4
كاظم|Kadhim,Kazim:4
قاسم|Qasim,Kasim,Gasim:4
جاسم|Jasim,Jassim:4
عثمان|Uthman,Othman:3
صالح|Salih,Saleh:4
سعيد|Said,Saeed:3
اسماعيل|Ismail:3
عباس|Abbas:4
حمزة|Hamza:3
سليمان|Sulayman,Suleiman:3
جمال|Jamal:2
رمضان|Ramadan:2
ياسر|Yasir,Yasser:2
فيصل|Faysal,Faisal:2
ماجد|Majid,Majed:2
وليد|Walid,Waleed:2
زياد|Ziyad,Ziad:2
عدنان|Adnan:2
طارق|Tariq,Tarek:2
نبيل|Nabil,Nabeel:1
رائد|Raid,Raed:1
عماد|Imad,Emad:2
باسم|Basim,Bassem:1
ثامر|Thamir,Thamer:1
ضياء|Dhiya,Diaa:1
صلاح الدين|Salah al-Din,Salahuddin:2
نور الدين|Nur al-Din,Nureddin:1
عبد الكريم|Abd al-Karim,Abdulkarim:2
عبد الرزاق|Abd al-Razzaq,Abdulrazzaq:1
عبد الحميد|Abd al-Hamid,Abdulhamid:1
منذر|Mundhir,Munther:1
مشتاق|Mushtaq:1
حيدر|Haydar,Haider:3
مهدي|Mahdi,Mehdi:2
جعفر|Jafar,Jaafar:2
رشيد|Rashid,Rasheed:2
شاكر|Shakir,Shaker:1
غازي|Ghazi:1
فاضل|Fadil,Fadhil:2
ناصر|Nasir,Nasser:2
سامي|Sami:1
هاني|Hani:1
بكر|Bakr,Bakir:1
زيد|Zayd,Zaid:2
انس|Anas:1
اسامة|Usama,Osama:2
عمار|Ammar:2
بلال|Bilal:2
نزار|Nizar:1
منصور|Mansur,Mansour:1
رضا|Rida,Ridha:1
مازن|Mazin,Mazen:1
لؤي|Luay,Louai:1
وسام|Wisam,Wissam:1`;

const FEMALE = `فاطمة|Fatima,Fatimah:12
زينب|Zaynab,Zainab:8
خديجة|Khadija:6
مريم|Maryam,Mariam:6
عائشة|Aisha,Aysha:5
سعاد|Suad,Souad:3
نجلاء|Najla:2
هدى|Huda,Hoda:3
امل|Amal:3
ليلى|Layla,Leila:3
سميرة|Samira:2
رقية|Ruqayya,Rukaya:2
حليمة|Halima:2
نادية|Nadia,Nadiya:2
بشرى|Bushra:2
وفاء|Wafa:2
سهام|Siham:1
كريمة|Karima:1
جميلة|Jamila:2
صبرية|Sabriya:1`;

const TRIBES = `الجبوري|al-Jubouri,al-Jaburi,al-Juburi
الدليمي|al-Dulaimi,al-Dulaymi
العبيدي|al-Obaidi,al-Ubaydi
التميمي|al-Tamimi
الشمري|al-Shammari,al-Shamari
الزبيدي|al-Zubaidi,al-Zubaydi
الجنابي|al-Janabi
العزاوي|al-Azzawi
الكبيسي|al-Kubaisi,al-Kubaysi
الحديثي|al-Hadithi
الراوي|al-Rawi
العاني|al-Ani
السامرائي|al-Samarrai
البياتي|al-Bayati
الخزرجي|al-Khazraji
المشهداني|al-Mashhadani
الجميلي|al-Jumaili,al-Jumayli
الحلبوسي|al-Halbusi
الفلاحي|al-Falahi
العكيدي|al-Ogaidi,al-Ukaydi
البغدادي|al-Baghdadi
الموصلي|al-Mawsili,al-Mosuli
الحسيني|al-Husayni,al-Husseini
القيسي|al-Qaysi,al-Kaisi`;

const NISBA_BY_COUNTRY: Record<string, [string, string]> = {
  IQ: ['العراقي', 'al-Iraqi'],
  SY: ['الشامي', 'al-Shami'],
  TR: ['التركي', 'al-Turki'],
  RU: ['الشيشاني', 'al-Shishani'],
  FR: ['الفرنسي', 'al-Faransi'],
  TN: ['التونسي', 'al-Tunisi'],
  SA: ['الجزراوي', 'al-Jazrawi'],
  MA: ['المغربي', 'al-Maghribi'],
  EG: ['المصري', 'al-Masri'],
  JO: ['الاردني', 'al-Urduni'],
  DE: ['الالماني', 'al-Almani'],
  AZ: ['الاذري', 'al-Adhari'],
};

const NATIONALITY: [string, number][] = [
  ['IQ', 52],
  ['SY', 18],
  ['TR', 5],
  ['RU', 4],
  ['FR', 3],
  ['TN', 4],
  ['SA', 4],
  ['MA', 3],
  ['EG', 3],
  ['JO', 2],
  ['DE', 1],
  ['AZ', 1],
];

type Habit = 'en' | 'fr' | 'tr' | 'ru';

interface Lexeme {
  ar: string;
  en: string[];
  weight: number;
}

function parseLexemes(text: string): Lexeme[] {
  return text.split('\n').map((line) => {
    const [ar, rest] = line.split('|');
    const [forms, w] = rest.split(':');
    return { ar, en: forms.split(','), weight: Number(w ?? 1) };
  });
}

const MALE_NAMES = parseLexemes(MALE);
const FEMALE_NAMES = parseLexemes(FEMALE);
const TRIBE_NAMES = parseLexemes(TRIBES);

/** Mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Respells an English-habit form the way a French, Turkish or Russian clerk would. */
function respell(en: string, habit: Habit, r: () => number): string {
  let s = en;
  if (habit === 'fr') {
    s = s
      .replace(/u/g, 'ou')
      .replace(/sh/gi, (m) => (m[0] === 'S' ? 'Ch' : 'ch'))
      .replace(/j/g, 'dj')
      .replace(/\bJ/g, 'Dj')
      .replace(/\b[Aa]l-/g, 'El ')
      .replace(/a$/, r() < 0.5 ? 'a' : 'e')
      .replace(/dh/g, 'd')
      .replace(/th/g, 't')
      .replace(/q/g, 'k');
  } else if (habit === 'tr') {
    s = s
      .replace(/sh/g, 'ş')
      .replace(/\bJ/g, 'C')
      .replace(/j/g, 'c')
      .replace(/a(?=[^aeiou]*$)/, 'e')
      .replace(/dh|th/g, 'z')
      .replace(/q/g, 'k')
      .replace(/u/g, r() < 0.5 ? 'ü' : 'u')
      .replace(/\b[Aa]l-/g, 'El-')
      .replace(/d$/, 't');
  } else if (habit === 'ru') {
    s = s
      .replace(/dh|th/g, 'z')
      .replace(/\bH/g, r() < 0.5 ? 'Kh' : 'G')
      .replace(/h$/, '')
      .replace(/(?<![kszcgKSZCG])h/g, 'kh')
      .replace(/q/g, 'k')
      .replace(/j/g, 'dzh')
      .replace(/\bJ/g, 'Dzh')
      .replace(/y/g, 'i')
      .replace(/\b[Aa]l-/g, '');
  }
  return s;
}

function pickWeighted<T extends { weight: number }>(items: T[], r: () => number, total?: number): T {
  let x = r() * (total ?? items.reduce((s, i) => s + i.weight, 0));
  for (const it of items) {
    x -= it.weight;
    if (x <= 0) return it;
  }
  return items[items.length - 1];
}

function typo(s: string, r: () => number): string {
  const letters = [...s];
  const i = 1 + Math.floor(r() * (letters.length - 2));
  const op = r();
  if (letters[i] === ' ' || letters[i - 1] === ' ') return s;
  if (op < 0.4) letters.splice(i, 1);
  else if (op < 0.7) letters.splice(i, 0, letters[i]);
  else [letters[i - 1], letters[i]] = [letters[i], letters[i - 1]];
  return letters.join('');
}

interface Person {
  id: string;
  sex: 'M' | 'F';
  given: Lexeme;
  father: Lexeme;
  grandfather: Lexeme;
  tribe: Lexeme | null;
  dob: { y: number; m: number; d: number };
  nationality: string[];
  mother: Lexeme;
  kunya: Lexeme | null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Yields synthetic records with the id of the person each describes, deterministic for a seed.
 *
 * @example
 * const rows = [...syntheticRegister({ seed: 1, persons: 100 })];
 * rows[0] // => { person: 'P000042', record: { id: 'S000000', names: [...], ... } }
 */
export function* syntheticRegister(options: SyntheticOptions): Generator<SyntheticRecord> {
  const r = rng(options.seed);
  const namesakeRate = options.namesakeRate ?? 0.06;
  const maleTotal = MALE_NAMES.reduce((s, i) => s + i.weight, 0);
  const femaleTotal = FEMALE_NAMES.reduce((s, i) => s + i.weight, 0);
  const natItems = NATIONALITY.map(([code, weight]) => ({ code, weight }));
  const persons: Person[] = [];
  for (let p = 0; p < options.persons; p++) {
    const sex: 'M' | 'F' = r() < 0.93 ? 'M' : 'F';
    const nat = pickWeighted(natItems, r).code;
    const second = pickWeighted(natItems, r).code;
    const nationality = r() < 0.05 && second !== nat ? [nat, second] : [nat];
    const arab = ['IQ', 'SY', 'SA', 'JO', 'EG'].includes(nat);
    const person: Person = {
      id: `P${String(p).padStart(6, '0')}`,
      sex,
      given:
        sex === 'M' ? pickWeighted(MALE_NAMES, r, maleTotal) : pickWeighted(FEMALE_NAMES, r, femaleTotal),
      father: pickWeighted(MALE_NAMES, r, maleTotal),
      grandfather: pickWeighted(MALE_NAMES, r, maleTotal),
      tribe: arab && r() < 0.7 ? TRIBE_NAMES[Math.floor(r() * TRIBE_NAMES.length)] : null,
      dob: { y: 1960 + Math.floor(r() * 46), m: 1 + Math.floor(r() * 12), d: 1 + Math.floor(r() * 28) },
      nationality,
      mother: pickWeighted(FEMALE_NAMES, r, femaleTotal),
      kunya: sex === 'M' && r() < 0.35 ? pickWeighted(MALE_NAMES, r, maleTotal) : null,
    };
    // Namesakes: another person with the very same three names, told apart by dob or mother only.
    if (persons.length > 0 && r() < namesakeRate) {
      const o = persons[Math.floor(r() * persons.length)];
      person.sex = o.sex;
      person.given = o.given;
      person.father = o.father;
      person.grandfather = o.grandfather;
      if (r() < 0.5) person.tribe = o.tribe;
      person.nationality = r() < 0.7 ? o.nationality : person.nationality;
      if (r() < 0.3) person.dob = { ...person.dob, y: o.dob.y };
    }
    persons.push(person);
  }
  const out: SyntheticRecord[] = [];
  let serial = 0;
  for (const p of persons) {
    const x = r();
    const count = x < 0.5 ? 1 : x < 0.75 ? 2 : x < 0.9 ? 3 : 4;
    for (let k = 0; k < count; k++)
      out.push({ person: p.id, record: writeRecord(p, `S${String(serial++).padStart(6, '0')}`, r) });
  }
  // Shuffle so that a person's records are not adjacent (as in a real register).
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  yield* out;
}

function writeRecord(p: Person, id: string, r: () => number): PersonRecord {
  const nat = p.nationality[0];
  const habit: Habit =
    nat === 'TR' || nat === 'AZ'
      ? r() < 0.8
        ? 'tr'
        : 'en'
      : nat === 'RU'
        ? r() < 0.8
          ? 'ru'
          : 'en'
        : ['FR', 'TN', 'MA'].includes(nat)
          ? r() < 0.7
            ? 'fr'
            : 'en'
          : nat === 'SY' && r() < 0.2
            ? 'fr'
            : 'en';
  const form = (l: Lexeme) => respell(l.en[Math.floor(r() * l.en.length)], habit, r);
  const parts = [p.given, p.father];
  if (r() < 0.7) parts.push(p.grandfather);
  const withTribe = p.tribe && r() < 0.65;
  const names: string[] = [];
  const latinOnly = r();
  if (latinOnly < 0.8) {
    const given = parts.map(form);
    const tribe = withTribe && p.tribe ? form(p.tribe) : null;
    let name: string;
    const style = r();
    if (style < 0.2 && tribe) name = `${tribe.toUpperCase()}, ${given.join(' ')}`;
    else if (style < 0.3 && habit !== 'en')
      name = `${given[given.length - 1].toUpperCase()} ${given.slice(0, -1).join(' ')}`;
    else name = [...given, ...(tribe ? [tribe] : [])].join(' ');
    if (style >= 0.2 && style < 0.3 && habit === 'en') name = name.toUpperCase();
    if (r() < 0.06) name = typo(name, r);
    if (style >= 0.2 && style < 0.3 && habit !== 'en') {
      // surname-first order was only meaningful with the surname upper-cased; keep it as written.
    }
    names.push(name);
  }
  if (latinOnly >= 0.8 || r() < 0.4) {
    const ar = parts.map((l) => l.ar);
    if (withTribe && p.tribe) ar.push(p.tribe.ar);
    names.push(ar.join(' '));
  }
  if (p.kunya && r() < 0.45) {
    const nisba = NISBA_BY_COUNTRY[nat] ?? ['', ''];
    if (r() < 0.5) names.push(`Abu ${form(p.kunya)} ${nisba[1]}`.trim());
    else names.push(`ابو ${p.kunya.ar} ${nisba[0]}`.trim());
  }
  const rec: PersonRecord = { id, names };
  if (r() < 0.8) rec.sex = p.sex;
  const d = r();
  const { y, m, d: day } = p.dob;
  if (d < 0.6) rec.dob = `${y}-${pad(m)}-${pad(day)}`;
  else if (d < 0.75) rec.dob = String(y);
  else if (d < 0.82 && day <= 12) rec.dob = `${y}-${pad(day)}-${pad(m)}`;
  else if (d < 0.9)
    rec.dob =
      r() < 0.5 ? `${y + (r() < 0.5 ? 1 : -1)}-${pad(m)}-${pad(day)}` : String(y + (r() < 0.5 ? 1 : -1));
  else if (d < 0.93) rec.dob = `${y}-${pad(m)}-${pad(day)}`;
  if (r() < 0.85) rec.nationality = r() < 0.8 ? p.nationality : [p.nationality[0]];
  const motherRate = nat === 'IQ' || nat === 'SY' ? 0.6 : 0.25;
  if (r() < motherRate) rec.motherName = r() < 0.5 ? p.mother.ar : form(p.mother);
  return rec;
}
