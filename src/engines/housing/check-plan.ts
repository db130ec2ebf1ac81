import type { Cell, Detainee, Instance, Scope } from './types';

/** Counts of broken hard rules, by rule (the same keys as `shared/tools/plan-check.mjs`). */
export interface Violations {
  unknownDetainee: number;
  unknownCell: number;
  outOfService: number;
  overCapacity: number;
  nonAssociation: number;
  wingCategory: number;
  designation: number;
  specialUse: number;
  cellStatus: number;
  singleCell: number;
  unplaced: number;
  overMoveBudget: number;
}

export interface PlanCheck {
  valid: boolean;
  violations: Violations;
  cost: number;
  linkCost: number;
  moves: number;
}

const LEVELS: readonly Scope[] = ['cell', 'wing', 'block', 'facility'];

/** The smallest unit two cells share, or null (different facilities, or a missing cell). */
export function sharedLevel(c1: Cell | undefined, c2: Cell | undefined): Scope | null {
  if (!c1 || !c2) return null;
  if (c1.id === c2.id) return 'cell';
  if (c1.wing === c2.wing) return 'wing';
  if (c1.block === c2.block) return 'block';
  if (c1.facility === c2.facility) return 'facility';
  return null;
}

/**
 * Checks a plan's assignments against every hard rule of `allocation.md` and computes its cost,
 * exactly as `shared/tools/plan-check.mjs` does (a port of it, so that tests and the benchmark
 * need no subprocess). An unplaced detainee is a violation (`unplaced`), as there.
 *
 * @example
 * const r = checkPlan(instance, plan.assignments);
 * if (!r.valid) console.error(r.violations);
 */
export function checkPlan(inst: Instance, assignments: Record<string, string>): PlanCheck {
  const cell = new Map(inst.cells.map((c) => [c.id, c]));
  const det = new Map(inst.detainees.map((d) => [d.id, d]));
  const v: Violations = {
    unknownDetainee: 0,
    unknownCell: 0,
    outOfService: 0,
    overCapacity: 0,
    nonAssociation: 0,
    wingCategory: 0,
    designation: 0,
    specialUse: 0,
    cellStatus: 0,
    singleCell: 0,
    unplaced: 0,
    overMoveBudget: 0,
  };
  const occ = new Map<string, Detainee[]>();
  for (const [d, c] of Object.entries(assignments)) {
    const dt = det.get(d);
    if (!dt) {
      v.unknownDetainee++;
      continue;
    }
    const cl = cell.get(c);
    if (!cl) {
      v.unknownCell++;
      continue;
    }
    if (cl.outOfService) v.outOfService++;
    if (cl.designation && (cl.designation.sex !== dt.sex || cl.designation.age !== dt.age)) v.designation++;
    if (cl.use && cl.use !== 'general' && dt.currentCell !== c) v.specialUse++;
    let list = occ.get(c);
    if (!list) occ.set(c, (list = []));
    list.push(dt);
  }
  for (const d of inst.detainees) if (!Object.prototype.hasOwnProperty.call(assignments, d.id)) v.unplaced++;
  const wingKind = new Map<string, string>();
  const single = new Set<string>(inst.policy.singleCellRoles ?? []);
  for (const [c, ds] of occ) {
    const cl = cell.get(c)!;
    if (ds.length > cl.capacity) v.overCapacity += ds.length - cl.capacity;
    if (new Set(ds.map((d) => d.status)).size > 1) v.cellStatus++;
    if (ds.length > 1 && ds.some((d) => single.has(d.role))) v.singleCell++;
    for (const d of ds) {
      const k = `${d.sex}/${d.age}`;
      const seen = wingKind.get(cl.wing);
      if (seen === undefined) wingKind.set(cl.wing, k);
      else if (seen !== k) v.wingCategory++;
    }
  }
  const at = (id: string) => {
    const c = assignments[id];
    return c === undefined ? undefined : cell.get(c);
  };
  for (const n of inst.nonAssociations) {
    const lvl = sharedLevel(at(n.a), at(n.b));
    if (lvl !== null && LEVELS.indexOf(lvl) <= LEVELS.indexOf(n.scope)) v.nonAssociation++;
  }
  let moves = 0;
  for (const d of inst.detainees) if (d.currentCell && assignments[d.id] !== d.currentCell) moves++;
  if (moves > inst.policy.moveBudget) v.overMoveBudget = moves - inst.policy.moveBudget;
  const pen = inst.policy.penalties;
  let linkCost = 0;
  for (const l of inst.links) {
    const lvl = sharedLevel(at(l.a), at(l.b));
    if (lvl) linkCost += l.weight * pen[lvl];
  }
  const cost = linkCost + moves * inst.policy.moveCost;
  const hard = Object.values(v).reduce((a, b) => a + b, 0);
  return {
    valid: hard === 0,
    violations: v,
    cost: Math.round(cost * 100) / 100,
    linkCost: Math.round(linkCost * 100) / 100,
    moves,
  };
}
