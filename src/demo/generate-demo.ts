/**
 * The demo as plain data, deterministic from a seed: the estate, the detainees in custody (each
 * placed in a cell that fits), the people of the pending transfer manifest, and the few of them
 * who were held before and are on the register under another spelling. No I/O: load-demo.ts
 * writes it through the services.
 */
import type { NameInput, NewDetainee } from '../modules/register';
import { COUNTRY_BY_CODE, DEMO_COUNTRIES, type DemoCountry } from './demo-countries';
import {
  arabicFull,
  arabicGiven,
  drawName,
  latinFamily,
  latinFull,
  latinGiven,
  type PersonName,
  spell,
} from './names';
import { random, type Random } from './random';

/**
 * Every date in the demo is relative to this day, not to today, so that a seed gives the same
 * files on any day. Detainees were admitted before it; the transfer arrives after it.
 */
export const DEMO_REFERENCE_DATE = '2026-02-01';

export interface PlanCell {
  code: string;
  capacity: number;
  use: 'general' | 'segregation' | 'medical';
  outOfServiceReason: string | null;
  /** Filled by the placement. */
  occupants: number;
  legalStatus: 'untried' | 'convicted' | null;
  siteIndex: number;
}

export interface PlanWing {
  code: string;
  name: string;
  sex: 'M' | 'F';
  ageGroup: 'adult' | 'juvenile';
  cells: PlanCell[];
}

export interface PlanBlock {
  code: string;
  name: string;
  wings: PlanWing[];
}

export interface PlanSite {
  code: string;
  name: string;
  nameAr: string;
  blocks: PlanBlock[];
}

export interface PlanDetainee {
  input: Omit<NewDetainee, 'siteId' | 'cellId' | 'status'> & {
    status: 'in_custody' | 'released' | 'transferred_out';
  };
  siteIndex: number;
  cell: PlanCell | null;
}

/** One person of the transfer, in Custodia's own manifest columns. */
export interface ManifestRow {
  manifest_row: number;
  manifest_id: string;
  family_name: string;
  given_names: string;
  name_ar: string;
  aliases: string;
  kunya: string;
  sex: 'M' | 'F';
  dob: string;
  nationalities: string;
  mother_name: string;
  legal_status: 'untried' | 'convicted';
  age_category: 'adult' | 'juvenile';
  arrest_date: string;
  arrest_place: string;
  sending_authority: string;
  sending_reference: string;
  origin_facility: string;
  remarks: string;
}

export interface DemoPlan {
  seed: number;
  scale: number;
  sites: PlanSite[];
  inCustody: PlanDetainee[];
  /** Held before, released or transferred out; each is one manifest row written differently. */
  earlierCustody: { detainee: PlanDetainee; manifestRow: number; how: string }[];
  manifest: ManifestRow[];
}

const SITES: {
  code: string;
  name: string;
  nameAr: string;
  blocks: number;
  women: number;
  juvenileMale: number;
  juvenileFemale: number;
}[] = [
  {
    code: 'HLC',
    name: 'Hillcrest High-Security Prison',
    nameAr: 'سجن التلال شديد الحراسة',
    blocks: 8,
    women: 1,
    juvenileMale: 0,
    juvenileFemale: 0,
  },
  {
    code: 'RVS',
    name: 'Riverside Detention Centre',
    nameAr: 'مركز احتجاز ضفاف النهر',
    blocks: 8,
    women: 0,
    juvenileMale: 1,
    juvenileFemale: 0,
  },
  {
    code: 'DST',
    name: 'Desert Star Correctional Facility',
    nameAr: 'منشأة نجمة الصحراء الإصلاحية',
    blocks: 7,
    women: 2,
    juvenileMale: 0,
    juvenileFemale: 1,
  },
  {
    code: 'PLG',
    name: 'Palm Grove Prison',
    nameAr: 'سجن بستان النخيل',
    blocks: 7,
    women: 0,
    juvenileMale: 1,
    juvenileFemale: 0,
  },
  {
    code: 'STG',
    name: 'Stonegate Prison',
    nameAr: 'سجن البوابة الحجرية',
    blocks: 7,
    women: 1,
    juvenileMale: 0,
    juvenileFemale: 0,
  },
  {
    code: 'CDP',
    name: 'Cedar Plain Detention Centre',
    nameAr: 'مركز احتجاز سهل الأرز',
    blocks: 8,
    women: 0,
    juvenileMale: 0,
    juvenileFemale: 0,
  },
];

/** Fictional places of arrest. */
const PLACES = [
  'Tell Hamra',
  'Wadi Safra',
  'Ain al-Nakhil',
  'Qaryat al-Sawda',
  'Jisr al-Abyad',
  'Khirbet Rumman',
  'Hawija al-Sharqiya',
  'Bir Zaytun',
  'Marj al-Ghazal',
  'Suq al-Jadid',
  'Tell Abyad al-Gharbi',
  'Dayr Salih',
  'Kafr Nasim',
  'Umm al-Tin',
];
const CAMPS = [
  'Al-Rimal Holding Facility',
  'North Plain Detention Site',
  'Hasakah Road Prison',
  'Eastern Desert Camp Annex',
];
const SENDING_AUTHORITY = 'Eastern Region Detention Authority';

const DAY = 86_400_000;
const ref = Date.parse(`${DEMO_REFERENCE_DATE}T00:00:00Z`);
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
const between = (rnd: Random, from: string, to: number) => {
  const a = Date.parse(`${from}T00:00:00Z`);
  return a + Math.floor(rnd.next() * ((to - a) / DAY)) * DAY;
};

/**
 * Builds the whole demo from a seed. `scale` shrinks everything (sites stay six) for fast tests.
 *
 * @example const plan = generateDemo(7, 0.02); plan.inCustody.length // 280
 */
export function generateDemo(seed: number, scale = 1): DemoPlan {
  const rnd = random(seed);
  const sites = buildEstate(rnd, scale);
  const inCustody = buildCustody(rnd, scale, sites);
  const { manifest, earlierCustody } = buildManifest(rnd, scale);
  return { seed, scale, sites, inCustody, earlierCustody, manifest };
}

function buildEstate(rnd: Random, scale: number): PlanSite[] {
  const root = Math.sqrt(scale);
  const perWing = (n: number, min = 3) => Math.max(min, Math.round(n * root));
  return SITES.map((s, siteIndex) => {
    const cell = (wingCode: string, i: number, capacity: number, use: PlanCell['use']): PlanCell => ({
      code: `${wingCode}-${String(i + 1).padStart(3, '0')}`,
      capacity,
      use,
      outOfServiceReason: null,
      occupants: 0,
      legalStatus: null,
      siteIndex,
    });
    const wing = (
      code: string,
      name: string,
      sex: 'M' | 'F',
      ageGroup: 'adult' | 'juvenile',
      n: number,
      capacities: [number, number][],
      use: PlanCell['use'] = 'general',
    ): PlanWing => ({
      code,
      name,
      sex,
      ageGroup,
      cells: Array.from({ length: n }, (_, i) => cell(code, i, rnd.weighted(capacities), use)),
    });
    const general: [number, number][] = [
      [1, 4],
      [2, 28],
      [3, 22],
      [4, 32],
      [6, 14],
    ];
    const small: [number, number][] = [
      [1, 10],
      [2, 50],
      [4, 40],
    ];
    const blocks: PlanBlock[] = [];
    const nBlocks = Math.max(1, Math.round(s.blocks * root));
    for (let b = 0; b < nBlocks; b++) {
      const code = String.fromCharCode(65 + b);
      blocks.push({
        code,
        name: `Block ${code}`,
        wings: [1, 2, 3, 4].map((w) =>
          wing(`${code}${w}`, `Wing ${code}${w}`, 'M', 'adult', perWing(rnd.int(36, 44)), general),
        ),
      });
    }
    if (s.women || s.juvenileFemale) {
      const wings: PlanWing[] = [];
      for (let w = 1; w <= s.women; w++)
        wings.push(wing(`W${w}`, `Women's wing ${w}`, 'F', 'adult', perWing(40), small));
      if (s.juvenileFemale) wings.push(wing('WJ', "Girls' wing", 'F', 'juvenile', perWing(10, 2), small));
      blocks.push({ code: 'WOM', name: "Women's block", wings });
    }
    if (s.juvenileMale)
      blocks.push({
        code: 'JUV',
        name: 'Juvenile block',
        wings: [wing('J1', "Boys' wing", 'M', 'juvenile', perWing(40), small)],
      });
    blocks.push({
      code: 'SEG',
      name: 'Segregation unit',
      wings: [wing('SEG', 'Segregation unit', 'M', 'adult', perWing(24, 2), [[1, 1]], 'segregation')],
    });
    blocks.push({
      code: 'MED',
      name: 'Health centre',
      wings: [wing('MED', 'Medical wing', 'M', 'adult', perWing(16, 2), [[2, 1]], 'medical')],
    });
    // A few general cells are out of service: damage from an attack, awaiting repair.
    for (const block of blocks.slice(0, nBlocks))
      for (const w of block.wings)
        for (const c of w.cells)
          if (rnd.next() < 0.004)
            c.outOfServiceReason = rnd.pick([
              'roof damaged by a drone strike, awaiting repair',
              'water damage after shelling, awaiting repair',
              'door mechanism broken in unrest',
            ]);
    return { code: s.code, name: s.name, nameAr: s.nameAr, blocks };
  });
}

interface Person {
  country: DemoCountry;
  sex: 'M' | 'F';
  juvenile: boolean;
  name: PersonName;
  /** YYYY-MM-DD */
  birth: string;
  /** How precisely the date of birth is known: day, month or year. */
  precision: 'day' | 'month' | 'year';
  /** The spelling style of the Latin name in Custodia's register. */
  style: number;
}

function drawPerson(rnd: Random, country: DemoCountry, sex: 'M' | 'F', juvenile: boolean): Person {
  const name = drawName(rnd, country.tradition, sex, country.nisba);
  const birth = juvenile
    ? between(rnd, isoDate(ref - 18 * 365.25 * DAY + 2 * DAY), ref - 14 * 365.25 * DAY)
    : between(rnd, '1962-01-01', ref - 19 * 365.25 * DAY);
  const p = rnd.next();
  return {
    country,
    sex,
    juvenile,
    name,
    birth: isoDate(birth),
    precision: p < 0.72 ? 'day' : p < 0.8 ? 'month' : 'year',
    style: 0,
  };
}

function dobOf(p: Person, precision = p.precision): string {
  return precision === 'day' ? p.birth : precision === 'month' ? p.birth.slice(0, 7) : p.birth.slice(0, 4);
}

/** The register's names for a person: legal in both scripts, other spellings, kunya. */
function registerNames(rnd: Random, p: Person): NameInput[] {
  const legal = latinFull(p.name, p.style);
  const names: NameInput[] = [
    { name: legal, script: 'latin', kind: 'legal' },
    { name: arabicFull(p.name), script: 'arabic', kind: 'legal' },
  ];
  const other = latinFull(p.name, p.style + 1);
  if (other !== legal && rnd.next() < 0.5)
    names.push({ name: other, script: 'latin', kind: 'transliteration' });
  if (p.name.kunya) {
    names.push({ name: rnd.pick(p.name.kunya.lat), script: 'latin', kind: 'kunya' });
    names.push({ name: p.name.kunya.ar, script: 'arabic', kind: 'kunya' });
  }
  return names;
}

function buildCustody(rnd: Random, scale: number, sites: PlanSite[]): PlanDetainee[] {
  const total = Math.round(14_000 * scale);
  const custodyWeights = DEMO_COUNTRIES.filter((c) => c.custody > 0).map((c) => [c, c.custody] as const);
  const pools = new Map<string, PlanCell[]>();
  for (const site of sites)
    for (const block of site.blocks)
      for (const wing of block.wings)
        for (const cell of wing.cells) {
          if (cell.outOfServiceReason) continue;
          const key = cell.use === 'general' ? `${wing.sex}/${wing.ageGroup}` : cell.use;
          pools.set(key, [...(pools.get(key) ?? []), cell]);
        }
  const perYear = new Map<string, number>();
  const out: PlanDetainee[] = [];
  for (let i = 0; i < total; i++) {
    const country = rnd.weighted(custodyWeights);
    const x = rnd.next();
    const sex: 'M' | 'F' = x < 0.026 ? 'F' : 'M';
    const juvenile = sex === 'F' ? x < 0.001 : rnd.next() < 0.012;
    const person = drawPerson(rnd, country, sex, juvenile);
    person.style = country.tradition === 'arab' && rnd.next() < 0.3 ? 1 : 0;
    const legalStatus: 'untried' | 'convicted' =
      rnd.next() < (juvenile ? 0.8 : 0.45) ? 'untried' : 'convicted';
    const arrested =
      between(rnd, legalStatus === 'convicted' ? '2015-06-01' : '2021-01-01', ref - 20 * DAY) +
      rnd.int(0, 23) * 3_600_000;
    const admitted = Math.min(arrested + rnd.int(1, 120) * DAY + rnd.int(0, 10) * 3_600_000, ref - DAY);
    const year = isoDate(admitted).slice(0, 4);
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const sentenced = Math.min(admitted + rnd.int(90, 700) * DAY, ref - DAY);
    const basis =
      legalStatus === 'convicted'
        ? {
            basis: 'sentence of imprisonment',
            authority: `Central Criminal Court, Chamber ${rnd.int(1, 6)}`,
            from: isoDate(sentenced),
            note: `counter-terrorism law, art. ${rnd.pick([2, 3, 4])}; sentence ${rnd.pick([5, 10, 15, 20])} years`,
          }
        : rnd.next() < 0.1
          ? {
              basis: 'administrative security detention',
              authority: 'Ministry of Interior',
              from: isoDate(admitted),
              note: 'renewable every 90 days',
            }
          : {
              basis: 'pre-trial detention order',
              authority: `Investigating Court ${rnd.int(1, 9)} (counter-terrorism)`,
              from: isoDate(admitted),
              note: null,
            };
    const input: PlanDetainee['input'] = {
      number: `CUS-${year}-${String(seq).padStart(6, '0')}`,
      names: registerNames(rnd, person),
      sex,
      dob: dobOf(person),
      nationalities: rnd.next() < 0.03 && country.code !== 'IQ' ? [country.code, 'IQ'] : [country.code],
      legalStatus,
      ageCategory: juvenile ? 'juvenile' : 'adult',
      status: 'in_custody',
      arrestedAt: new Date(arrested).toISOString(),
      arrestPlace: rnd.pick(PLACES),
      admittedAt: new Date(admitted).toISOString(),
      legalBasis: basis,
    };
    // Segregation and the medical wing take a few adult men; a few wait in reception without a cell.
    const y = rnd.next();
    const key =
      y < 0.015
        ? null
        : !juvenile && sex === 'M' && y < 0.021
          ? 'segregation'
          : !juvenile && sex === 'M' && y < 0.026
            ? 'medical'
            : `${sex}/${juvenile ? 'juvenile' : 'adult'}`;
    const cell = key ? place(rnd, pools.get(key) ?? [], legalStatus) : null;
    out.push({ input, siteIndex: cell ? cell.siteIndex : rnd.int(0, sites.length - 1), cell });
  }
  return out;
}

/** A cell with a free bed whose occupants share the detainee's legal status (Rule 11), or null. */
function place(rnd: Random, pool: PlanCell[], status: 'untried' | 'convicted'): PlanCell | null {
  const fits = (c: PlanCell) =>
    c.occupants < c.capacity && (c.legalStatus === null || c.legalStatus === status);
  let found: PlanCell | null = null;
  for (let tries = 0; tries < 40 && pool.length > 0 && !found; tries++) {
    const i = Math.floor(rnd.next() * pool.length);
    const c = pool[i];
    if (c.occupants >= c.capacity) {
      pool[i] = pool[pool.length - 1];
      pool.pop();
    } else if (fits(c)) found = c;
  }
  found ??= pool.find(fits) ?? null;
  if (found) {
    found.occupants++;
    found.legalStatus = status;
  }
  return found;
}

/** Country counts in the manifest at this scale: the fixed ones scaled, Iraq and Syria the rest. */
function manifestCounts(scale: number): Map<string, number> {
  const total = Math.round(5_700 * scale);
  const counts = new Map<string, number>();
  for (const c of DEMO_COUNTRIES)
    if (c.manifest > 0) counts.set(c.code, Math.max(scale < 1 ? 0 : 1, Math.round(c.manifest * scale)));
  const rest = total - [...counts.values()].reduce((a, b) => a + b, 0);
  const iraq = Math.round(rest * 0.6);
  counts.set('IQ', iraq);
  counts.set('SY', rest - iraq);
  return counts;
}

const WAYS = ['another transliteration', 'name order', 'Arabic only', 'kunya and short name'] as const;

function buildManifest(
  rnd: Random,
  scale: number,
): { manifest: ManifestRow[]; earlierCustody: DemoPlan['earlierCustody'] } {
  const people: Person[] = [];
  for (const [code, n] of manifestCounts(scale)) {
    const country = COUNTRY_BY_CODE.get(code)!;
    for (let i = 0; i < n; i++) {
      const sex: 'M' | 'F' = rnd.next() < 0.06 ? 'F' : 'M';
      people.push(drawPerson(rnd, country, sex, rnd.next() < 0.04));
    }
  }
  // The sending authority lists people by its own order, not by country.
  rnd.shuffle(people);
  const returning = new Set<number>();
  const target = Math.round(people.length * 0.03);
  while (returning.size < target) {
    const i = rnd.int(0, people.length - 1);
    if (!people[i].juvenile) returning.add(i);
  }
  const manifest: ManifestRow[] = [];
  const earlierCustody: DemoPlan['earlierCustody'] = [];
  let serial = 0;
  people.forEach((p, i) => {
    const row = i + 1;
    const arrested = between(rnd, '2017-03-01', Date.parse('2019-12-31T00:00:00Z'));
    const legalStatus: 'untried' | 'convicted' = rnd.next() < 0.9 ? 'untried' : 'convicted';
    const style = rnd.next() < 0.3 ? 1 : 0;
    const mother =
      rnd.next() < 0.35
        ? ''
        : p.name.tradition === 'arab' && rnd.next() < 0.6
          ? p.name.mother.ar
          : spell(p.name.mother, style);
    const otherSpellings = rnd.next() < 0.2 ? latinFull(p.name, style + 1) : '';
    let base: ManifestRow = {
      manifest_row: row,
      manifest_id: `ERDA-${String(100_000 + rnd.int(0, 899_999))}-${String(++serial).padStart(4, '0')}`,
      family_name: latinFamily(p.name, style),
      given_names: latinGiven(p.name, style),
      name_ar: rnd.next() < 0.85 ? arabicFull(p.name) : '',
      aliases: otherSpellings !== latinFull(p.name, style) ? otherSpellings : '',
      kunya: p.name.kunya && rnd.next() < 0.6 ? rnd.pick(p.name.kunya.lat) : '',
      sex: p.sex,
      dob: dobOf(p),
      nationalities: p.country.code,
      mother_name: mother,
      legal_status: legalStatus,
      age_category: p.juvenile ? 'juvenile' : 'adult',
      arrest_date: isoDate(arrested),
      arrest_place: rnd.pick(PLACES),
      sending_authority: SENDING_AUTHORITY,
      sending_reference: `ERDA/TR/${DEMO_REFERENCE_DATE.slice(0, 4)}/${String(Math.floor(i / 500) + 1).padStart(3, '0')}`,
      origin_facility: rnd.pick(CAMPS),
      remarks: '',
    };
    if (returning.has(i)) {
      const how = WAYS[earlierCustody.length % WAYS.length];
      // The register holds the person as Custodia wrote them years ago; the manifest differs.
      const registerStyle = how === 'another transliteration' ? 1 - style : style;
      const held = { ...p, style: registerStyle };
      if (how === 'another transliteration' && latinFull(p.name, registerStyle) === latinFull(p.name, style))
        base.aliases = '';
      if (how === 'name order')
        base = {
          ...base,
          family_name: latinGiven(p.name, style).split(' ')[0],
          given_names: [latinFamily(p.name, style), ...latinGiven(p.name, style).split(' ').slice(1)]
            .filter(Boolean)
            .join(' '),
        };
      if (how === 'Arabic only')
        base = { ...base, family_name: '', given_names: '', aliases: '', name_ar: arabicFull(p.name) };
      if (how === 'kunya and short name') {
        const kunya = p.name.kunya ?? {
          lat: [`Abu ${spell(p.name.father, 0)}${p.country.nisba ? ` ${p.country.nisba[1]}` : ''}`],
          ar: '',
        };
        base = {
          ...base,
          family_name: '',
          given_names: latinGiven(p.name, style).split(' ').slice(0, 2).join(' '),
          kunya: kunya.lat[0],
          name_ar: rnd.next() < 0.5 ? arabicGiven(p.name) : '',
          dob: p.birth.slice(0, 4),
        };
      }
      const admitted = between(rnd, '2013-01-01', Date.parse('2015-06-01T00:00:00Z'));
      const left = admitted + rnd.int(120, 700) * DAY;
      const status = rnd.next() < 0.6 ? 'released' : 'transferred_out';
      earlierCustody.push({
        manifestRow: row,
        how,
        detainee: {
          siteIndex: rnd.int(0, SITES.length - 1),
          cell: null,
          input: {
            number: `CUS-${isoDate(admitted).slice(0, 4)}-${String(900_000 + earlierCustody.length + 1)}`,
            names: registerNames(rnd, held),
            sex: p.sex,
            dob: dobOf(p, 'day'),
            nationalities: [p.country.code],
            legalStatus: 'untried',
            ageCategory: 'adult',
            status,
            arrestedAt: new Date(admitted - rnd.int(1, 30) * DAY).toISOString(),
            arrestPlace: rnd.pick(PLACES),
            admittedAt: new Date(admitted).toISOString(),
            legalBasis: {
              basis: 'pre-trial detention order',
              authority: `Investigating Court ${rnd.int(1, 9)} (counter-terrorism)`,
              from: isoDate(admitted),
              to: isoDate(left),
              note:
                status === 'released'
                  ? 'released: charges dropped for lack of evidence'
                  : 'transferred out to another authority',
            },
          },
        },
      });
    }
    manifest.push(base);
  });
  return { manifest, earlierCustody };
}
