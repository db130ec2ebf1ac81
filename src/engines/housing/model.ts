/**
 * The engine's working model: the instance as integer arrays, the mutable state of a plan
 * (occupancy, categories, moves) and the search for the cheapest feasible cell. Internal.
 */
import type { Instance, Scope } from './types';

export const SCOPE_CODE: Record<Scope, number> = { cell: 0, wing: 1, block: 2, facility: 3 };
export const SCOPE_NAME: Scope[] = ['cell', 'wing', 'block', 'facility'];
const CAT_NAME = ['M/adult', 'M/juvenile', 'F/adult', 'F/juvenile'];
export const catName = (c: number) => CAT_NAME[c];
const EPS = 1e-9;

/** The best cell found for a detainee: `cell` −1 when none is feasible. */
export interface Best {
  cell: number;
  cost: number;
}

export class Model {
  readonly nC: number;
  readonly nD: number;
  readonly nW: number;
  readonly nB: number;
  readonly nF: number;
  readonly cellWing: Int32Array;
  readonly cellBlock: Int32Array;
  readonly cellFac: Int32Array;
  readonly cellCap: Int32Array;
  readonly cellOk: Uint8Array;
  readonly cellGeneral: Uint8Array;
  readonly cellDesig: Int8Array;
  readonly wingCells: Int32Array[];
  readonly wingBlock: Int32Array;
  readonly blockWings: Int32Array[];
  readonly blockFac: Int32Array;
  readonly facBlocks: Int32Array[];
  readonly detCat: Uint8Array;
  readonly detStatus: Uint8Array;
  readonly detSingle: Uint8Array;
  readonly home: Int32Array;
  readonly adjStart: Int32Array;
  readonly adjNbr: Int32Array;
  readonly adjW: Float64Array;
  readonly naStart: Int32Array;
  readonly naNbr: Int32Array;
  readonly naScope: Uint8Array;
  readonly pen: number[]; // by level code: cell, wing, block, facility
  readonly kC: number;
  readonly kW: number;
  readonly kB: number;
  readonly kF: number;
  readonly monotone: boolean;
  readonly moveCost: number;
  readonly budget: number;
  readonly cellIndex: Map<string, number>;
  readonly detIndex: Map<string, number>;

  // state
  readonly cellOf: Int32Array;
  readonly occ: Int32Array;
  readonly occStatus: Int32Array;
  readonly occSingle: Int32Array;
  readonly wingCount: Int32Array;
  readonly wingCatCount: Int32Array;
  readonly wingFree: Int32Array;
  readonly wingEmpty: Int32Array;
  moves = 0;
  /** Housed detainees placed in another cell than their own (the budget bounds these). */
  awayPlaced = 0;

  // scratch for the search
  private readonly wf: Float64Array;
  private readonly wb: Float64Array;
  private readonly ww: Float64Array;
  private readonly wc: Float64Array;
  private readonly forbF: Uint8Array;
  private readonly forbB: Uint8Array;
  private readonly forbW: Uint8Array;
  private readonly forbC: Uint8Array;
  private readonly touched: number[] = [];
  rot = 0;

  constructor(readonly inst: Instance) {
    const cells = inst.cells;
    this.nC = cells.length;
    this.nD = inst.detainees.length;
    this.cellIndex = new Map(cells.map((c, i) => [c.id, i]));
    this.detIndex = new Map(inst.detainees.map((d, i) => [d.id, i]));
    const intern = (m: Map<string, number>, k: string) => {
      let v = m.get(k);
      if (v === undefined) m.set(k, (v = m.size));
      return v;
    };
    const fM = new Map<string, number>(),
      bM = new Map<string, number>(),
      wM = new Map<string, number>();
    this.cellWing = new Int32Array(this.nC);
    this.cellBlock = new Int32Array(this.nC);
    this.cellFac = new Int32Array(this.nC);
    this.cellCap = new Int32Array(this.nC);
    this.cellOk = new Uint8Array(this.nC);
    this.cellGeneral = new Uint8Array(this.nC);
    this.cellDesig = new Int8Array(this.nC);
    const catOf = (sex: string, age: string) => (sex === 'F' ? 2 : 0) + (age === 'juvenile' ? 1 : 0);
    // Units are keyed by their id strings, as plan-check compares them.
    cells.forEach((c, i) => {
      this.cellFac[i] = intern(fM, c.facility);
      this.cellBlock[i] = intern(bM, c.block);
      this.cellWing[i] = intern(wM, c.wing);
      this.cellCap[i] = c.capacity;
      this.cellOk[i] = c.outOfService ? 0 : 1;
      this.cellGeneral[i] = !c.use || c.use === 'general' ? 1 : 0;
      this.cellDesig[i] = c.designation ? catOf(c.designation.sex, c.designation.age) : -1;
    });
    this.nF = fM.size;
    this.nB = bM.size;
    this.nW = wM.size;
    // A wing id shared by cells of different blocks (bad data) still counts as one wing, as in plan-check;
    // the search hierarchy uses the block of the wing's first cell.
    const wingCellsL: number[][] = Array.from({ length: this.nW }, () => []);
    this.wingBlock = new Int32Array(this.nW).fill(-1);
    this.blockFac = new Int32Array(this.nB).fill(-1);
    const blockWingsS: Set<number>[] = Array.from({ length: this.nB }, () => new Set());
    const facBlocksS: Set<number>[] = Array.from({ length: this.nF }, () => new Set());
    for (let i = 0; i < this.nC; i++) {
      const w = this.cellWing[i];
      wingCellsL[w].push(i);
      if (this.wingBlock[w] < 0) this.wingBlock[w] = this.cellBlock[i];
      const b = this.wingBlock[w];
      if (this.blockFac[b] < 0) this.blockFac[b] = this.cellFac[i];
      blockWingsS[b].add(w);
      facBlocksS[this.blockFac[b]].add(b);
    }
    this.wingCells = wingCellsL.map((l) => Int32Array.from(l));
    this.blockWings = blockWingsS.map((s) => Int32Array.from(s));
    this.facBlocks = facBlocksS.map((s) => Int32Array.from(s));

    const single = new Set<string>(inst.policy.singleCellRoles ?? []);
    this.detCat = new Uint8Array(this.nD);
    this.detStatus = new Uint8Array(this.nD);
    this.detSingle = new Uint8Array(this.nD);
    this.home = new Int32Array(this.nD).fill(-1);
    inst.detainees.forEach((d, i) => {
      this.detCat[i] = catOf(d.sex, d.age);
      this.detStatus[i] = d.status === 'convicted' ? 1 : 0;
      this.detSingle[i] = single.has(d.role) ? 1 : 0;
      if (d.currentCell) this.home[i] = this.cellIndex.get(d.currentCell) ?? -1;
    });

    // adjacency (CSR); repeated pairs are kept as they are (their weights add up in the cost)
    const deg = new Int32Array(this.nD + 1);
    const la = new Int32Array(inst.links.length),
      lb = new Int32Array(inst.links.length);
    inst.links.forEach((l, i) => {
      la[i] = this.detIndex.get(l.a)!;
      lb[i] = this.detIndex.get(l.b)!;
      deg[la[i]]++;
      deg[lb[i]]++;
    });
    this.adjStart = new Int32Array(this.nD + 1);
    for (let i = 0; i < this.nD; i++) this.adjStart[i + 1] = this.adjStart[i] + deg[i];
    this.adjNbr = new Int32Array(this.adjStart[this.nD]);
    this.adjW = new Float64Array(this.adjStart[this.nD]);
    const fill = this.adjStart.slice(0, this.nD);
    inst.links.forEach((l, i) => {
      const a = la[i],
        b = lb[i];
      this.adjNbr[fill[a]] = b;
      this.adjW[fill[a]++] = l.weight;
      this.adjNbr[fill[b]] = a;
      this.adjW[fill[b]++] = l.weight;
    });
    const ndeg = new Int32Array(this.nD);
    const na = inst.nonAssociations.map((n) => [
      this.detIndex.get(n.a)!,
      this.detIndex.get(n.b)!,
      SCOPE_CODE[n.scope],
    ]);
    for (const [a, b] of na) {
      ndeg[a]++;
      ndeg[b]++;
    }
    this.naStart = new Int32Array(this.nD + 1);
    for (let i = 0; i < this.nD; i++) this.naStart[i + 1] = this.naStart[i] + ndeg[i];
    this.naNbr = new Int32Array(this.naStart[this.nD]);
    this.naScope = new Uint8Array(this.naStart[this.nD]);
    const nf = this.naStart.slice(0, this.nD);
    for (const [a, b, s] of na) {
      this.naNbr[nf[a]] = b;
      this.naScope[nf[a]++] = s;
      this.naNbr[nf[b]] = a;
      this.naScope[nf[b]++] = s;
    }

    const p = inst.policy.penalties;
    this.pen = [p.cell, p.wing, p.block, p.facility];
    this.kF = p.facility;
    this.kB = p.block - p.facility;
    this.kW = p.wing - p.block;
    this.kC = p.cell - p.wing;
    this.monotone = this.kF >= 0 && this.kB >= 0 && this.kW >= 0 && this.kC >= 0;
    this.moveCost = inst.policy.moveCost;
    this.budget = inst.policy.moveBudget;

    this.cellOf = new Int32Array(this.nD).fill(-1);
    this.occ = new Int32Array(this.nC);
    this.occStatus = new Int32Array(this.nC * 2);
    this.occSingle = new Int32Array(this.nC);
    this.wingCount = new Int32Array(this.nW);
    this.wingCatCount = new Int32Array(this.nW * 4);
    this.wingFree = new Int32Array(this.nW);
    this.wingEmpty = new Int32Array(this.nW);
    for (let c = 0; c < this.nC; c++)
      if (this.cellOk[c] && this.cellGeneral[c] && this.cellCap[c] > 0) {
        this.wingFree[this.cellWing[c]] += this.cellCap[c];
        this.wingEmpty[this.cellWing[c]]++;
      }
    for (let d = 0; d < this.nD; d++) if (this.home[d] >= 0) this.moves++; // everyone starts unplaced
    this.wf = new Float64Array(this.nF);
    this.wb = new Float64Array(this.nB);
    this.ww = new Float64Array(this.nW);
    this.wc = new Float64Array(this.nC);
    this.forbF = new Uint8Array(this.nF);
    this.forbB = new Uint8Array(this.nB);
    this.forbW = new Uint8Array(this.nW);
    this.forbC = new Uint8Array(this.nC);
  }

  private usable(c: number) {
    return this.cellOk[c] === 1 && this.cellGeneral[c] === 1 && this.cellCap[c] > 0;
  }

  place(d: number, c: number) {
    const w = this.cellWing[c];
    if (this.usable(c)) {
      this.wingFree[w]--;
      if (this.occ[c] === 0) this.wingEmpty[w]--;
    }
    this.cellOf[d] = c;
    this.occ[c]++;
    this.occStatus[c * 2 + this.detStatus[d]]++;
    this.occSingle[c] += this.detSingle[d];
    this.wingCount[w]++;
    this.wingCatCount[w * 4 + this.detCat[d]]++;
    if (this.home[d] >= 0) {
      if (c === this.home[d]) this.moves--;
      else this.awayPlaced++;
    }
  }

  remove(d: number) {
    const c = this.cellOf[d];
    if (c < 0) return;
    const w = this.cellWing[c];
    this.cellOf[d] = -1;
    this.occ[c]--;
    this.occStatus[c * 2 + this.detStatus[d]]--;
    this.occSingle[c] -= this.detSingle[d];
    this.wingCount[w]--;
    this.wingCatCount[w * 4 + this.detCat[d]]--;
    if (this.usable(c)) {
      this.wingFree[w]++;
      if (this.occ[c] === 0) this.wingEmpty[w]++;
    }
    if (this.home[d] >= 0) {
      if (c === this.home[d]) this.moves++;
      else this.awayPlaced--;
    }
  }

  /** Link cost of d's links if d were in cell c (others where they are). */
  linkCostAt(d: number, c: number): number {
    if (c < 0) return 0;
    let s = 0;
    const f = this.cellFac[c],
      b = this.cellBlock[c],
      w = this.cellWing[c];
    for (let k = this.adjStart[d], e = this.adjStart[d + 1]; k < e; k++) {
      const o = this.cellOf[this.adjNbr[k]];
      if (o < 0 || this.cellFac[o] !== f) continue;
      s +=
        this.adjW[k] *
        (o === c
          ? this.pen[0]
          : this.cellWing[o] === w
            ? this.pen[1]
            : this.cellBlock[o] === b
              ? this.pen[2]
              : this.pen[3]);
    }
    return s;
  }

  /** The level (0 cell … 3 facility, 4 none) that cells c1 and c2 share. */
  level(c1: number, c2: number): number {
    if (c1 < 0 || c2 < 0) return 4;
    if (c1 === c2) return 0;
    if (this.cellWing[c1] === this.cellWing[c2]) return 1;
    if (this.cellBlock[c1] === this.cellBlock[c2]) return 2;
    if (this.cellFac[c1] === this.cellFac[c2]) return 3;
    return 4;
  }

  /** Does d (currently unplaced) fit cell c under every hard rule? */
  fits(d: number, c: number, allowAway: boolean): boolean {
    const home = this.home[d];
    if (!this.cellOk[c] || (!this.cellGeneral[c] && c !== home)) return false;
    if (c !== home && !allowAway) return false;
    const dz = this.cellDesig[c];
    if (dz >= 0 && dz !== this.detCat[d]) return false;
    const o = this.occ[c];
    if (o >= this.cellCap[c]) return false;
    if (o > 0) {
      if (this.detSingle[d] || this.occSingle[c] > 0) return false;
      if (this.occStatus[c * 2 + this.detStatus[d]] !== o) return false;
    }
    const w = this.cellWing[c];
    if (this.wingCount[w] > 0 && this.wingCatCount[w * 4 + this.detCat[d]] !== this.wingCount[w])
      return false;
    for (let k = this.naStart[d], e = this.naStart[d + 1]; k < e; k++) {
      const lv = this.level(c, this.cellOf[this.naNbr[k]]);
      if (lv <= this.naScope[k]) return false;
    }
    return true;
  }

  private prepare(d: number) {
    const t = this.touched;
    t.length = 0;
    for (let k = this.adjStart[d], e = this.adjStart[d + 1]; k < e; k++) {
      const o = this.cellOf[this.adjNbr[k]];
      if (o < 0) continue;
      const w = this.adjW[k];
      this.wf[this.cellFac[o]] += w;
      this.wb[this.cellBlock[o]] += w;
      this.ww[this.cellWing[o]] += w;
      this.wc[o] += w;
      t.push(o);
    }
    for (let k = this.naStart[d], e = this.naStart[d + 1]; k < e; k++) {
      const o = this.cellOf[this.naNbr[k]];
      if (o < 0) continue;
      const s = this.naScope[k];
      if (s === 0) this.forbC[o] = 1;
      else if (s === 1) this.forbW[this.cellWing[o]] = 1;
      else if (s === 2) this.forbB[this.cellBlock[o]] = 1;
      else this.forbF[this.cellFac[o]] = 1;
      t.push(o);
    }
  }

  private unprepare() {
    for (const o of this.touched) {
      this.wf[this.cellFac[o]] = 0;
      this.wb[this.cellBlock[o]] = 0;
      this.ww[this.cellWing[o]] = 0;
      this.wc[o] = 0;
      this.forbF[this.cellFac[o]] = 0;
      this.forbB[this.cellBlock[o]] = 0;
      this.forbW[this.cellWing[o]] = 0;
      this.forbC[o] = 0;
    }
    this.touched.length = 0;
  }

  /**
   * The cheapest feasible cell for d, which must be unplaced. Walks facility › block › wing in
   * order of the least cost they can offer (from the weight of d's linked detainees in each unit)
   * and stops when no unit can beat the best found. `excludeHome` asks for the best alternative.
   */
  findBest(d: number, excludeHome = false): Best {
    this.prepare(d);
    const home = this.home[d];
    const allowAway = this.home[d] < 0 || this.awayPlaced < this.budget;
    const cat = this.detCat[d];
    const single = this.detSingle[d] === 1;
    const mc = home >= 0 ? this.moveCost : 0;
    let bestCell = -1;
    let bestCost = Infinity;
    let bestScore = Infinity;
    if (home >= 0 && !excludeHome && this.fits(d, home, allowAway)) {
      bestCell = home;
      bestCost =
        this.kF * this.wf[this.cellFac[home]] +
        this.kB * this.wb[this.cellBlock[home]] +
        this.kW * this.ww[this.cellWing[home]] +
        this.kC * this.wc[home];
      bestScore = bestCost;
    }
    if (allowAway) {
      const prune = this.monotone;
      const facs = Array.from({ length: this.nF }, (_, i) => i).filter((f) => !this.forbF[f]);
      facs.sort((x, y) => this.wf[x] - this.wf[y] || ((x + this.rot) % this.nF) - ((y + this.rot) % this.nF));
      let extra = 0;
      outer: for (const f of facs) {
        const lbF = this.kF * this.wf[f] + mc;
        if (prune && lbF >= bestScore - EPS) break;
        const blocks = Array.from(this.facBlocks[f]).filter((b) => !this.forbB[b]);
        const nb = blocks.length;
        blocks.sort((x, y) => this.wb[x] - this.wb[y] || ((x + this.rot) % nb) - ((y + this.rot) % nb));
        for (const b of blocks) {
          const lbB = lbF + this.kB * this.wb[b];
          if (prune && lbB >= bestScore - EPS) break;
          const wings = Array.from(this.blockWings[b]).filter(
            (w) =>
              !this.forbW[w] &&
              this.wingFree[w] > 0 &&
              (!single || this.wingEmpty[w] > 0) &&
              (this.wingCount[w] === 0 || this.wingCatCount[w * 4 + cat] === this.wingCount[w]),
          );
          const nw = wings.length;
          // among equally cheap wings, prefer those already holding this category (keep empty wings open)
          wings.sort(
            (x, y) =>
              this.ww[x] - this.ww[y] ||
              (this.wingCount[x] > 0 ? 0 : 1) - (this.wingCount[y] > 0 ? 0 : 1) ||
              ((x + this.rot) % nw) - ((y + this.rot) % nw),
          );
          for (const w of wings) {
            const base = lbB + this.kW * this.ww[w];
            if (prune && base >= bestScore - EPS) break;
            const claim = this.wingCount[w] === 0 ? 1e-6 : 0;
            const cells = this.wingCells[w];
            for (let i = 0; i < cells.length; i++) {
              const c = cells[i];
              if (c === home || this.forbC[c] || !this.cellOk[c] || !this.cellGeneral[c]) continue;
              const dz = this.cellDesig[c];
              if (dz >= 0 && dz !== cat) continue;
              const o = this.occ[c];
              if (o >= this.cellCap[c]) continue;
              if (
                o > 0 &&
                (single || this.occSingle[c] > 0 || this.occStatus[c * 2 + this.detStatus[d]] !== o)
              )
                continue;
              const cost = base + this.kC * this.wc[c];
              // tie-breaks: fill started cells first; single roles take the smallest empty cell
              const score =
                cost + claim + (o === 0 ? 2e-7 + this.cellCap[c] * 1e-8 : (this.cellCap[c] - o) * 1e-9);
              if (score < bestScore) {
                bestScore = score;
                bestCost = cost;
                bestCell = c;
              }
            }
            if (bestCell >= 0 && ++extra > 6) break outer;
          }
        }
      }
    }
    this.unprepare();
    return { cell: bestCell, cost: bestCell < 0 ? Infinity : bestCost };
  }

  /** Why no cell fits d (unplaced): reasons by how many candidate cells they rule out. */
  diagnose(d: number, detId: (i: number) => string, roleOf: (i: number) => string): string[] {
    const home = this.home[d];
    const allowAway = this.home[d] < 0 || this.awayPlaced < this.budget;
    const cat = this.detCat[d];
    const counts = new Map<string, number>();
    let candidates = 0;
    const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
    for (let c = 0; c < this.nC; c++) {
      if (!this.cellOk[c] || (!this.cellGeneral[c] && c !== home) || this.cellCap[c] === 0) continue;
      const dz = this.cellDesig[c];
      if (dz >= 0 && dz !== cat) continue;
      candidates++;
      if (c !== home && !allowAway) {
        add('budget');
        continue;
      }
      const w = this.cellWing[c];
      if (this.wingCount[w] > 0 && this.wingCatCount[w * 4 + cat] !== this.wingCount[w]) {
        add('wing');
        continue;
      }
      let na = '';
      for (let k = this.naStart[d], e = this.naStart[d + 1]; k < e; k++)
        if (this.level(c, this.cellOf[this.naNbr[k]]) <= this.naScope[k]) {
          na = `na:${detId(this.naNbr[k])}:${SCOPE_NAME[this.naScope[k]]}`;
          break;
        }
      if (na) {
        add(na);
        continue;
      }
      const o = this.occ[c];
      if (o >= this.cellCap[c]) {
        add('full');
        continue;
      }
      if (o > 0 && this.detSingle[d]) {
        add('single');
        continue;
      }
      if (o > 0 && this.occSingle[c] > 0) {
        add('full');
        continue;
      }
      if (o > 0 && this.occStatus[c * 2 + this.detStatus[d]] !== o) {
        add('status');
        continue;
      }
      add('fits');
    }
    const cn = catName(cat);
    if (candidates === 0)
      return [`no cell in service and open to new placements is designated for or open to ${cn}`];
    const status = this.detStatus[d] ? 'convicted' : 'untried';
    const msg = (k: string) => {
      if (k === 'budget')
        return `move budget exhausted (${this.budget} moves) and today's cell cannot be kept`;
      if (k === 'wing') return `wing holds another sex or age group than ${cn}`;
      if (k === 'full') return `no free bed`;
      if (k === 'single') return `no free single cell for role ${roleOf(d)} in any wing open to ${cn}`;
      if (k === 'status') return `cell holds detainees of another legal status than ${status}`;
      if (k.startsWith('na:')) {
        const [, who, scope] = k.split(':');
        return `conflicts with directive vs ${who} at ${scope} scope`;
      }
      return 'fits (placement order)';
    };
    const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (sorted.length === 1) {
      const k = sorted[0][0];
      if (k === 'single' || k === 'budget') return [msg(k)];
      return [`every candidate cell (${candidates}) for ${cn}: ${msg(k)}`];
    }
    return sorted
      .slice(0, 4)
      .map(([k, n]) =>
        k === 'single' ? msg(k) : `${n} of ${candidates} candidate cells for ${cn}: ${msg(k)}`,
      );
  }
}
