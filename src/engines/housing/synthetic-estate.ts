import { seededRandom } from './rng';
import type {
  AgeGroup,
  Cell,
  Detainee,
  Instance,
  Link,
  NonAssociation,
  Role,
  Scope,
  Sex,
  LegalStatus,
} from './types';

/** Sizes and shapes of a synthetic estate; every field has a default (the `estate` preset). */
export interface SyntheticEstateOptions {
  seed?: number;
  name?: string;
  detainees?: number;
  /** Share already housed (by a naive past policy that kept networks together). */
  housedShare?: number;
  facilities?: number;
  blocksPerFacility?: number;
  wingsPerBlock?: number;
  cellsPerWing?: number;
  /** Links per detainee (each link has two ends: mean degree is twice this). */
  linksPerDetainee?: number;
  /** Share of links that are weak ties across networks. */
  weakTieShare?: number;
  /** Non-association directives per detainee. */
  directivesPerDetainee?: number;
  /** Share of directives that today's housing breaks (pairs sharing a cell or wing). */
  brokenDirectiveShare?: number;
  moveBudgetShare?: number;
  outOfServiceShare?: number;
  femaleShare?: number;
  juvenileShare?: number;
  /** Share of detainees in no network (weak ties only). */
  loneShare?: number;
  minNetwork?: number;
  maxNetwork?: number;
  segregationShare?: number;
  medicalShare?: number;
}

/** Presets: `estate` (~20,000 detainees, ~7,700 cells, ~55,000 links), `national` (~60,000, ~160,000 links), `small`. */
export const SYNTHETIC_PRESETS = {
  small: {
    detainees: 600,
    facilities: 2,
    blocksPerFacility: 2,
    wingsPerBlock: 4,
    cellsPerWing: 25,
    directivesPerDetainee: 0.07,
  },
  estate: {
    detainees: 20_000,
    facilities: 4,
    blocksPerFacility: 4,
    wingsPerBlock: 6,
    cellsPerWing: 80,
    linksPerDetainee: 2.75,
  },
  national: {
    detainees: 60_000,
    facilities: 8,
    blocksPerFacility: 6,
    wingsPerBlock: 6,
    cellsPerWing: 80,
    linksPerDetainee: 2.67,
  },
} satisfies Record<string, SyntheticEstateOptions>;

const CAPACITIES = [1, 2, 3, 4, 5, 6, 8];
const CAP_WEIGHTS = [0.15, 0.15, 0.1, 0.2, 0.1, 0.15, 0.15];
const CATS: [Sex, AgeGroup][] = [
  ['M', 'adult'],
  ['M', 'juvenile'],
  ['F', 'adult'],
  ['F', 'juvenile'],
];

/**
 * A deterministic (seeded) estate shaped like the real problem: networks of 3 to 40 members with
 * a leader and a few ideologues and planners, weak ties across networks, about 70% already housed
 * by a naive past policy that kept each network together (packed into neighbouring cells of one
 * wing), new directives that today's housing breaks, cells of 1 to 8 beds, a few out of service
 * (damaged after the housing was made), a few wings designated for women and for juveniles.
 *
 * @example
 * const inst = generateSyntheticEstate({ ...SYNTHETIC_PRESETS.estate, seed: 1 });
 * inst.detainees.length; // 20000
 */
export function generateSyntheticEstate(options: SyntheticEstateOptions = {}): Instance {
  const o = {
    seed: 1,
    name: 'synthetic estate',
    detainees: 20_000,
    housedShare: 0.715,
    facilities: 4,
    blocksPerFacility: 4,
    wingsPerBlock: 6,
    cellsPerWing: 80,
    linksPerDetainee: 2.75,
    weakTieShare: 0.15,
    directivesPerDetainee: 0.07,
    brokenDirectiveShare: 0.35,
    moveBudgetShare: 0.15,
    outOfServiceShare: 0.02,
    femaleShare: 0.05,
    juvenileShare: 0.04,
    loneShare: 0.08,
    minNetwork: 3,
    maxNetwork: 40,
    segregationShare: 0.01,
    medicalShare: 0.005,
    ...options,
  };
  const rnd = seededRandom(o.seed);
  const pick = <T>(a: readonly T[]) => a[(rnd() * a.length) | 0];
  const pickW = (w: number[]) => {
    let x = rnd() * w.reduce((s, v) => s + v, 0);
    for (let i = 0; i < w.length; i++) if ((x -= w[i]) < 0) return i;
    return w.length - 1;
  };
  const N = o.detainees;

  // detainees: networks, categories, roles, statuses
  const catShare = [
    (1 - o.femaleShare) * (1 - o.juvenileShare),
    (1 - o.femaleShare) * o.juvenileShare,
    o.femaleShare * (1 - o.juvenileShare),
    o.femaleShare * o.juvenileShare,
  ];
  const networks: number[][] = [];
  const detCat: number[] = [];
  const dets: Detainee[] = [];
  const netOf: number[] = [];
  const lone = Math.round(N * o.loneShare);
  let next = 0;
  const mk = (cat: number, role: Role, status: LegalStatus, net: number) => {
    const [sex, age] = CATS[cat];
    dets.push({ id: `D${next + 1}`, sex, age, status, role, currentCell: null });
    detCat.push(cat);
    netOf.push(net);
    return next++;
  };
  while (next < N - lone) {
    const size = Math.min(
      N - lone - next,
      o.minNetwork + Math.floor((o.maxNetwork - o.minNetwork + 1) * rnd() ** 2.2),
    );
    const cat = pickW(catShare);
    const conv = rnd();
    const net: number[] = [];
    const id = networks.length;
    for (let i = 0; i < size; i++) {
      const role: Role =
        i === 0
          ? 'leader'
          : i <= Math.floor(size / 12)
            ? rnd() < 0.5
              ? 'ideologue'
              : 'planner'
            : rnd() < 0.1
              ? 'unknown'
              : 'member';
      net.push(mk(cat, role, rnd() < conv ? 'convicted' : 'untried', id));
    }
    networks.push(net);
  }
  while (next < N)
    mk(pickW(catShare), rnd() < 0.7 ? 'unknown' : 'member', rnd() < 0.5 ? 'convicted' : 'untried', -1);

  // links
  const links: Link[] = [];
  const target = Math.round(N * o.linksPerDetainee);
  const weak = Math.round(target * o.weakTieShare);
  const w2 = (lo: number, hi: number) => Math.round((lo + (hi - lo) * rnd()) * 100) / 100;
  for (const net of networks) {
    for (let i = 1; i < net.length; i++)
      links.push({ a: dets[net[0]].id, b: dets[net[i]].id, weight: w2(0.5, 1) });
  }
  const intra = Math.max(0, target - weak - links.length);
  const bigNets = networks.filter((n) => n.length >= 3);
  const netWeights = bigNets.map((n) => n.length);
  for (let i = 0; i < intra; i++) {
    const net = bigNets[pickW(netWeights)];
    const a = pick(net),
      b = pick(net);
    if (a === b) {
      i--;
      continue;
    }
    links.push({ a: dets[a].id, b: dets[b].id, weight: w2(0.2, 0.8) });
  }
  for (let i = 0; i < weak; i++) {
    const a = (rnd() * N) | 0,
      b = (rnd() * N) | 0;
    if (a === b) {
      i--;
      continue;
    }
    links.push({ a: dets[a].id, b: dets[b].id, weight: w2(0.05, 0.3) });
  }

  // cells
  const cells: Cell[] = [];
  const wingsByCat: number[][] = [[], [], [], []];
  const wingCells: number[][] = [];
  const nWings = o.facilities * o.blocksPerFacility * o.wingsPerBlock;
  const bedsPerWing = o.cellsPerWing * CAPACITIES.reduce((s, c, i) => s + c * CAP_WEIGHTS[i], 0);
  // special wings: twice the beds their population needs, and at least two (so wing-scope directives can be met)
  const need = catShare.map((s) => (s * N >= 1 ? Math.max(2, Math.ceil((s * N * 2) / bedsPerWing)) : 0));
  const wingCat: number[] = [];
  for (let k = 1; k < 4; k++) for (let i = 0; i < need[k]; i++) wingCat.push(k);
  while (wingCat.length < nWings) wingCat.push(0);
  for (let i = wingCat.length - 1; i > 0; i--) {
    const j = (rnd() * (i + 1)) | 0;
    [wingCat[i], wingCat[j]] = [wingCat[j], wingCat[i]];
  }
  let w = 0;
  for (let f = 1; f <= o.facilities; f++)
    for (let b = 1; b <= o.blocksPerFacility; b++)
      for (let wi = 1; wi <= o.wingsPerBlock; wi++, w++) {
        const cat = wingCat[w];
        const designated = cat !== 0 || rnd() < 0.8;
        const list: number[] = [];
        for (let c = 1; c <= o.cellsPerWing; c++) {
          const cell: Cell = {
            id: `F${f}-B${b}-W${wi}-C${String(c).padStart(3, '0')}`,
            facility: `F${f}`,
            block: `F${f}-B${b}`,
            wing: `F${f}-B${b}-W${wi}`,
            capacity: CAPACITIES[pickW(CAP_WEIGHTS)],
          };
          if (designated) cell.designation = { sex: CATS[cat][0], age: CATS[cat][1] };
          const u = rnd();
          if (u < o.segregationShare) {
            cell.use = 'segregation';
            cell.capacity = 1;
          } else if (u < o.segregationShare + o.medicalShare) cell.use = 'medical';
          list.push(cells.length);
          cells.push(cell);
        }
        wingCells.push(list);
        wingsByCat[cat].push(w);
      }

  // housing by the naive past policy: each network packed into neighbouring cells of one wing
  const occ = new Int32Array(cells.length);
  const occStatus: (LegalStatus | null)[] = new Array(cells.length).fill(null);
  const occSingle = new Uint8Array(cells.length);
  const single = new Set<Role>(['leader', 'ideologue', 'planner']);
  const cursor = [0, 0, 0, 0];
  const housedNet = (net: number[]) => {
    const share = rnd() < 0.28 ? 0.15 : 0.9;
    return net.filter(() => rnd() < share);
  };
  const groups = networks.map(housedNet);
  const loners: number[] = [];
  for (let d = N - lone; d < N; d++) if (rnd() < o.housedShare) loners.push(d);
  for (const d of loners) groups.push([d]);
  const tryHouse = (d: number): boolean => {
    const cat = detCat[d];
    const wl = wingsByCat[cat];
    for (let t = 0; t < wl.length; t++) {
      const wi = wl[(cursor[cat] + t) % wl.length];
      for (const c of wingCells[wi]) {
        const cell = cells[c];
        if (cell.use) continue;
        const s = single.has(dets[d].role);
        if (
          occ[c] >= cell.capacity ||
          occSingle[c] ||
          (s && occ[c] > 0) ||
          (occ[c] > 0 && occStatus[c] !== dets[d].status)
        )
          continue;
        occ[c]++;
        occStatus[c] = dets[d].status;
        if (s) occSingle[c] = 1;
        dets[d].currentCell = cell.id;
        if (t > 0) cursor[cat] = (cursor[cat] + t) % wl.length;
        return true;
      }
    }
    return false;
  };
  for (const g of groups) {
    if (!g.length) continue;
    // move on to a fresh wing now and then, so that networks fill wings side by side
    const cat = detCat[g[0]];
    if (rnd() < 0.3) cursor[cat] = (cursor[cat] + 1) % Math.max(1, wingsByCat[cat].length);
    const sorted = [...g].sort((a, b) =>
      dets[a].status < dets[b].status ? -1 : dets[a].status > dets[b].status ? 1 : 0,
    );
    for (const d of sorted) tryHouse(d);
  }

  // damage after the housing was made
  for (const c of cells) if (rnd() < o.outOfServiceShare) c.outOfService = true;

  // directives: some broken by today's housing, the rest across and within networks
  const nas: NonAssociation[] = [];
  const nDir = Math.round(N * o.directivesPerDetainee);
  const nBroken = Math.round(nDir * o.brokenDirectiveShare);
  const cellIdx = new Map(cells.map((c, i) => [c.id, i]));
  const housedNets = groups.filter((g) => g.length >= 2);
  const seen = new Set<string>();
  const addNa = (a: number, b: number, scope: Scope) => {
    const k = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (a === b || seen.has(k)) return false;
    seen.add(k);
    nas.push({ a: dets[a].id, b: dets[b].id, scope });
    return true;
  };
  for (let i = 0, tries = 0; i < nBroken && tries < nBroken * 20; tries++) {
    const g = pick(housedNets);
    const a = pick(g),
      b = pick(g);
    const ca = dets[a].currentCell,
      cb = dets[b].currentCell;
    if (!ca || !cb) continue;
    const same =
      ca === cb ? 'cell' : cells[cellIdx.get(ca)!].wing === cells[cellIdx.get(cb)!].wing ? 'wing' : null;
    if (!same) continue;
    if (addNa(a, b, same === 'cell' && rnd() < 0.5 ? 'cell' : 'wing')) i++;
  }
  const scopes: Scope[] = ['cell', 'wing', 'block', 'facility'];
  const scopeW = [0.2, 0.45, 0.25, 0.1];
  while (nas.length < nDir) {
    const inNet = rnd() < 0.5;
    let a: number, b: number;
    if (inNet) {
      const net = pick(networks);
      a = pick(net);
      b = pick(net);
    } else {
      a = networks.length ? pick(networks)[0] : (rnd() * N) | 0;
      b = (rnd() * N) | 0;
    }
    addNa(a, b, scopes[pickW(scopeW)]);
  }

  const housed = dets.filter((d) => d.currentCell).length;
  return {
    version: 1,
    name: `${o.name} (seed ${o.seed})`,
    cells,
    detainees: dets,
    links,
    nonAssociations: nas,
    policy: {
      moveBudget: Math.round(housed * o.moveBudgetShare),
      moveCost: 1,
      penalties: { cell: 100, wing: 10, block: 2, facility: 0.5 },
      singleCellRoles: ['leader', 'ideologue', 'planner'],
    },
  };
}
