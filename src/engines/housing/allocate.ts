import { Model, SCOPE_NAME, catName } from './model';
import { seededRandom } from './rng';
import type { AllocateOptions, Instance, Plan, Unplaced } from './types';

const EPS = 1e-9;

/** A binary max-heap of (key, value) pairs. */
class MaxHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size() {
    return this.keys.length;
  }
  topKey() {
    return this.keys[0];
  }
  push(k: number, v: number) {
    const K = this.keys,
      V = this.vals;
    let i = K.length;
    K.push(k);
    V.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (K[p] > k || (K[p] === k && V[p] <= v)) break;
      K[i] = K[p];
      V[i] = V[p];
      i = p;
    }
    K[i] = k;
    V[i] = v;
  }
  pop(): [number, number] {
    const K = this.keys,
      V = this.vals;
    const rk = K[0],
      rv = V[0];
    const k = K.pop()!,
      v = V.pop()!;
    const n = K.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let j = i,
          jk = k,
          jv = v;
        if (l < n && (K[l] > jk || (K[l] === jk && V[l] < jv))) {
          j = l;
          jk = K[l];
          jv = V[l];
        }
        if (r < n && (K[r] > jk || (K[r] === jk && V[r] < jv))) {
          j = r;
        }
        if (j === i) break;
        K[i] = K[j];
        V[i] = V[j];
        i = j;
      }
      K[i] = k;
      V[i] = v;
    }
    return [rk, rv];
  }
}

/**
 * Proposes housing for every detainee of a validated instance (see `parseInstance`): never breaks
 * a hard rule of `allocation.md`, and minimises its cost (links by shared unit, plus moves).
 *
 * 1. Keep: everyone housed stays where they are, unless a rule forces a move (cell out of service
 *    or of another designation, mixed wing or cell, a shared single cell, over capacity, a
 *    directive broken); forced moves count against the move budget, as plan-check counts them.
 * 2. Construct: arrivals and forced movers, hardest first (single-cell roles, most directives,
 *    most links), each into the feasible cell of least added cost.
 * 3. Improve, until convergence or `timeLimitMs`: spend the remaining move budget on the housed
 *    detainees whose move saves most (a lazy max-heap of gains), then relocate arrivals and moved
 *    detainees (returning one home frees budget), and swap pairs; the delta of each candidate
 *    cell comes from the weight of the detainee's linked detainees in each unit.
 *
 * Those for whom no feasible cell is left are listed in `unplaced` with reasons. Deterministic
 * for a seed when the search converges (`stats.converged`).
 *
 * @example
 * const plan = allocate(parseInstance(json), { timeLimitMs: 10_000, seed: 1 });
 * plan.assignments['D17']; // 'F2-B1-W1-C003'
 */
export function allocate(instance: Instance, options: AllocateOptions = {}): Plan {
  const now = options.now ?? Date.now;
  const t0 = now();
  const deadline = t0 + (options.timeLimitMs ?? 10_000);
  const seed = options.seed ?? 1;
  const rnd = seededRandom(seed);
  const m = new Model(instance);
  const { nD, home } = m;
  const dets = instance.detainees;
  const cells = instance.cells;
  const detId = (i: number) => dets[i].id;
  const forced: (string | null)[] = new Array(nD).fill(null);
  let timeUp = false;
  let tick = 0;
  const outOfTime = () => {
    if ((++tick & 31) === 0 && now() >= deadline) timeUp = true;
    return timeUp;
  };

  // 1. Keep everyone housed where they are, then repair what breaks a rule.
  for (let d = 0; d < nD; d++) {
    const c = home[d];
    if (c < 0) continue;
    if (!m.cellOk[c]) forced[d] = `cell ${cells[c].id} is out of service`;
    else if (m.cellDesig[c] >= 0 && m.cellDesig[c] !== m.detCat[d])
      forced[d] = `cell ${cells[c].id} is designated ${catName(m.cellDesig[c])}`;
    else if (m.cellCap[c] === 0) forced[d] = `cell ${cells[c].id} has no bed`;
    else m.place(d, c);
  }
  const evict = (d: number, why: string) => {
    if (m.cellOf[d] < 0) return;
    m.remove(d);
    forced[d] = why;
  };
  const occupants = () => {
    const by: number[][] = Array.from({ length: m.nC }, () => []);
    for (let d = 0; d < nD; d++) if (m.cellOf[d] >= 0) by[m.cellOf[d]].push(d);
    return by;
  };
  // one sex and age group per wing: the majority stays
  {
    const byWing: number[][] = Array.from({ length: m.nW }, () => []);
    for (let d = 0; d < nD; d++) if (m.cellOf[d] >= 0) byWing[m.cellWing[m.cellOf[d]]].push(d);
    for (let w = 0; w < m.nW; w++) {
      let best = 0;
      for (let k = 1; k < 4; k++) if (m.wingCatCount[w * 4 + k] > m.wingCatCount[w * 4 + best]) best = k;
      if (m.wingCatCount[w * 4 + best] === m.wingCount[w]) continue;
      for (const d of byWing[w])
        if (m.detCat[d] !== best) evict(d, `wing ${cells[m.cellOf[d]].wing} holds ${catName(best)}`);
    }
  }
  // one legal status per cell: the majority stays
  for (const [c, ds] of occupants().entries()) {
    const conv = m.occStatus[c * 2 + 1];
    if (conv === 0 || conv === ds.length) continue;
    const keep = conv * 2 > ds.length ? 1 : 0;
    for (const d of ds)
      if (m.detStatus[d] !== keep)
        evict(d, `cell ${cells[c].id} holds ${keep ? 'convicted' : 'untried'} detainees`);
  }
  // single cells: the fewest moves
  for (const [c, ds] of occupants().entries()) {
    if (ds.length < 2 || m.occSingle[c] === 0) continue;
    const singles = ds.filter((d) => m.detSingle[d]);
    if (singles.length <= ds.length - 1 && singles.length < ds.length) {
      for (const d of singles) evict(d, `role ${dets[d].role} needs a single cell`);
    } else {
      const keep = singles[0];
      for (const d of ds)
        if (d !== keep) evict(d, `${detId(keep)} (role ${dets[keep].role}) needs cell ${cells[c].id} alone`);
    }
  }
  // capacity: those most linked to their cellmates leave
  for (const [c, ds] of occupants().entries()) {
    const excess = ds.length - m.cellCap[c];
    if (excess <= 0) continue;
    const inCell = (d: number) => {
      let s = 0;
      for (let k = m.adjStart[d]; k < m.adjStart[d + 1]; k++) if (m.cellOf[m.adjNbr[k]] === c) s += m.adjW[k];
      return s;
    };
    const order = ds.map((d) => [inCell(d), d]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (let i = 0; i < excess; i++)
      evict(order[i][1], `cell ${cells[c].id} holds more than its ${m.cellCap[c]} beds`);
  }
  // directives broken by today's housing: the one with more broken directives (then more links) leaves
  {
    const broken = (d: number) => {
      let n = 0;
      for (let k = m.naStart[d]; k < m.naStart[d + 1]; k++)
        if (m.level(m.cellOf[d], m.cellOf[m.naNbr[k]]) <= m.naScope[k]) n++;
      return n;
    };
    for (let d = 0; d < nD; d++) {
      for (let k = m.naStart[d]; k < m.naStart[d + 1] && m.cellOf[d] >= 0; k++) {
        const e = m.naNbr[k];
        if (m.level(m.cellOf[d], m.cellOf[e]) > m.naScope[k]) continue;
        const bd = broken(d),
          be = broken(e);
        const go =
          bd > be || (bd === be && m.linkCostAt(d, m.cellOf[d]) >= m.linkCostAt(e, m.cellOf[e])) ? d : e;
        const other = go === d ? e : d;
        evict(go, `directive vs ${detId(other)} at ${SCOPE_NAME[m.naScope[k]]} scope`);
      }
    }
  }
  const forcedMoves = forced.filter((f) => f !== null).length;

  // 2. Construct: arrivals and forced movers, hardest first.
  const naDeg = (d: number) => m.naStart[d + 1] - m.naStart[d];
  const deg = (d: number) => m.adjStart[d + 1] - m.adjStart[d];
  const tie = Float64Array.from({ length: nD }, () => rnd());
  const toPlace: number[] = [];
  for (let d = 0; d < nD; d++) if (m.cellOf[d] < 0) toPlace.push(d);
  toPlace.sort(
    (a, b) => m.detSingle[b] - m.detSingle[a] || naDeg(b) - naDeg(a) || deg(b) - deg(a) || tie[a] - tie[b],
  );
  const unplacedSet = new Set<number>();
  const reasons = new Map<number, string[]>();
  for (const d of toPlace) {
    m.rot = (rnd() * 1e6) | 0;
    const best = m.findBest(d);
    if (best.cell >= 0) m.place(d, best.cell);
    else unplacedSet.add(d);
  }

  // 3. Improve.
  let iterations = 0;
  let converged = options.greedyOnly === true;
  const mc = m.moveCost;
  const curCost = (d: number) =>
    m.linkCostAt(d, m.cellOf[d]) + (home[d] >= 0 && m.cellOf[d] !== home[d] ? mc : 0);

  /** Relocate d if a cheaper feasible cell exists; true when it moved. */
  const relocate = (d: number): boolean => {
    const cur = m.cellOf[d];
    const before = curCost(d);
    if (before <= EPS) return false;
    m.remove(d);
    m.rot = (rnd() * 1e6) | 0;
    const best = m.findBest(d);
    iterations++;
    if (best.cell >= 0 && best.cell !== cur && best.cost < before - EPS) {
      m.place(d, best.cell);
      return true;
    }
    m.place(d, cur);
    return false;
  };

  /** Spend the free move budget on the housed detainees whose move saves most. */
  const spendBudget = (): number => {
    if (m.awayPlaced >= m.budget) return 0;
    const heap = new MaxHeap();
    const gain = (d: number) => {
      const c = m.cellOf[d];
      const before = m.linkCostAt(d, c);
      if (before <= mc + EPS) return 0;
      m.remove(d);
      const best = m.findBest(d, true);
      m.place(d, c);
      iterations++;
      return best.cell < 0 ? 0 : before - best.cost;
    };
    for (let d = 0; d < nD; d++) {
      if (home[d] < 0 || m.cellOf[d] !== home[d]) continue;
      if (m.linkCostAt(d, home[d]) <= mc + EPS) continue;
      const g = gain(d);
      if (g > EPS) heap.push(g, d);
      if (outOfTime()) return 0;
    }
    let done = 0;
    while (heap.size && m.awayPlaced < m.budget && !outOfTime()) {
      const [, d] = heap.pop();
      if (m.cellOf[d] !== home[d]) continue;
      const g = gain(d);
      if (g <= EPS) continue;
      if (heap.size && g < heap.topKey() - EPS) {
        heap.push(g, d);
        continue;
      }
      const c = m.cellOf[d];
      m.remove(d);
      const best = m.findBest(d, true);
      if (best.cell >= 0) {
        m.place(d, best.cell);
        done++;
      } else m.place(d, c);
    }
    return done;
  };

  /** Relocate every arrival and moved detainee that can do better, in a seeded order. */
  const relocatePass = (): number => {
    const order: number[] = [];
    for (let d = 0; d < nD; d++)
      if (m.cellOf[d] >= 0 && (home[d] < 0 || m.cellOf[d] !== home[d])) order.push(d);
    for (let i = order.length - 1; i > 0; i--) {
      const j = (rnd() * (i + 1)) | 0;
      [order[i], order[j]] = [order[j], order[i]];
    }
    let n = 0;
    for (const d of order) {
      if (outOfTime()) break;
      if (relocate(d)) n++;
    }
    return n;
  };

  /**
   * Make room for d: empty a cell of one or two occupants that can all be housed elsewhere, and
   * put d there (placing someone matters more than cost).
   */
  const makeRoom = (d: number): boolean => {
    const by = new Map<number, number[]>();
    for (let e = 0; e < nD; e++) {
      const c = m.cellOf[e];
      if (c >= 0 && m.occ[c] <= 2) {
        const l = by.get(c);
        if (l) l.push(e);
        else by.set(c, [e]);
      }
    }
    let attempts = 0;
    for (const [c, occupants] of by) {
      if (attempts >= 400 || outOfTime()) break;
      if (!m.cellOk[c] || (!m.cellGeneral[c] && c !== home[d])) continue;
      const dz = m.cellDesig[c];
      if (dz >= 0 && dz !== m.detCat[d]) continue;
      attempts++;
      for (const e of occupants) m.remove(e);
      const allowAway = home[d] < 0 || m.awayPlaced < m.budget;
      if (m.fits(d, c, allowAway)) {
        m.place(d, c);
        const placed: number[] = [];
        for (const e of occupants) {
          const best = m.findBest(e);
          if (best.cell < 0) break;
          m.place(e, best.cell);
          placed.push(e);
        }
        if (placed.length === occupants.length) return true;
        for (const e of placed) m.remove(e);
        m.remove(d);
      }
      for (const e of occupants) m.place(e, c);
    }
    return false;
  };

  /** Try once more those left unplaced (the state has changed), making room if need be. */
  const retryUnplaced = (): number => {
    let n = 0;
    for (const d of [...unplacedSet]) {
      if (outOfTime()) break;
      const best = m.findBest(d);
      if (best.cell >= 0) m.place(d, best.cell);
      else if (!makeRoom(d)) continue;
      unplacedSet.delete(d);
      n++;
    }
    return n;
  };

  if (!options.greedyOnly) {
    for (let round = 0; round < 50; round++) {
      // Placing someone matters more than cost: the unplaced go first, so that a short time limit
      // (or a busy machine) cuts cost improvements, never a repair.
      let changed = retryUnplaced();
      if (timeUp) break;
      changed += spendBudget();
      if (timeUp) break;
      changed += relocatePass();
      if (changed === 0) {
        converged = true;
        break;
      }
    }
  }
  if (options.greedyOnly) retryUnplaced();
  for (const d of unplacedSet)
    reasons.set(
      d,
      m.diagnose(d, detId, (i) => dets[i].role),
    );

  // 4. The plan.
  const assignments: Record<string, string> = {};
  const unplaced: Unplaced[] = [];
  for (let d = 0; d < nD; d++) {
    if (m.cellOf[d] >= 0) assignments[dets[d].id] = cells[m.cellOf[d]].id;
    else {
      const r = reasons.get(d) ?? ['no feasible cell'];
      if (forced[d]) r.unshift(`must leave ${dets[d].currentCell}: ${forced[d]}`);
      unplaced.push({ id: dets[d].id, reasons: r });
    }
  }
  let linkCost = 0,
    costBefore = 0;
  const sharing = { cell: 0, wing: 0, block: 0, facility: 0 };
  const brokenUp = { cell: 0, wing: 0 };
  const pen = m.pen;
  for (const l of instance.links) {
    const a = m.detIndex.get(l.a)!,
      b = m.detIndex.get(l.b)!;
    const after = m.level(m.cellOf[a], m.cellOf[b]);
    const before = m.level(home[a], home[b]);
    if (after < 4) {
      linkCost += l.weight * pen[after];
      sharing[SCOPE_NAME[after]]++;
    }
    if (before < 4) costBefore += l.weight * pen[before];
    if (before === 0 && after > 0) brokenUp.cell++;
    if (before <= 1 && after > 1) brokenUp.wing++;
  }
  let moves = 0;
  for (let d = 0; d < nD; d++) if (home[d] >= 0 && m.cellOf[d] !== home[d]) moves++;
  const r2 = (x: number) => Math.round(x * 100) / 100;

  // 5. Explanations.
  const explanations: Record<string, string> = {};
  const LV = ['cell', 'wing', 'block', 'facility'];
  for (let d = 0; d < nD; d++) {
    const c = m.cellOf[d];
    if (c < 0) continue;
    const close: string[] = [];
    let apart = 0;
    for (let k = m.adjStart[d]; k < m.adjStart[d + 1]; k++) {
      const lv = m.level(c, m.cellOf[m.adjNbr[k]]);
      if (lv <= 1) close.push(`${detId(m.adjNbr[k])} (same ${LV[lv]})`);
      else if (m.cellOf[m.adjNbr[k]] >= 0) apart++;
    }
    const links =
      deg(d) === 0
        ? ''
        : `; linked detainees: ${apart} kept apart (other wing or further)` +
          (close.length
            ? `, still close: ${close.slice(0, 3).join(', ')}${close.length > 3 ? ` and ${close.length - 3} more` : ''}`
            : '');
    const cid = cells[c].id;
    const single = m.detSingle[d] ? ` (single cell for role ${dets[d].role})` : '';
    let text: string;
    if (home[d] < 0) text = `placed in ${cid}${single}: the feasible cell of least added cost`;
    else if (c === home[d])
      text = `kept in ${cid}: no rule forces a move${close.length ? ' and a move was not worth the budget' : ''}`;
    else if (forced[d]) text = `moved from ${cells[home[d]].id} to ${cid}${single}: ${forced[d]}`;
    else {
      const wasClose: string[] = [];
      for (let k = m.adjStart[d]; k < m.adjStart[d + 1]; k++) {
        const o = m.cellOf[m.adjNbr[k]];
        if (m.level(home[d], o) <= 1 && m.level(c, o) > 1) wasClose.push(detId(m.adjNbr[k]));
      }
      const saved = m.linkCostAt(d, home[d]) - m.linkCostAt(d, c) - mc;
      text =
        `moved from ${cells[home[d]].id} to ${cid} to break up links` +
        (wasClose.length
          ? ` with ${wasClose.slice(0, 4).join(', ')}${wasClose.length > 4 ? ` and ${wasClose.length - 4} more` : ''}`
          : '') +
        ` (cost −${r2(saved)})`;
    }
    explanations[dets[d].id] = text + links;
  }

  return {
    assignments,
    unplaced,
    explanations,
    stats: {
      cost: r2(linkCost + moves * mc),
      linkCost: r2(linkCost),
      costBefore: r2(costBefore),
      moves,
      forcedMoves,
      moveBudget: m.budget,
      placed: nD - unplaced.length,
      unplaced: unplaced.length,
      linksBrokenUp: brokenUp,
      linksSharing: sharing,
      elapsedMs: now() - t0,
      iterations,
      seed,
      converged,
    },
  };
}
