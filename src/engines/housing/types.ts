/** Types of the allocation instance and plan (format 1, `shared/formats/allocation.md`). */

export type Sex = 'M' | 'F';
export type AgeGroup = 'adult' | 'juvenile';
export type LegalStatus = 'untried' | 'convicted';
export type Role = 'leader' | 'ideologue' | 'planner' | 'member' | 'unknown';
export type Scope = 'cell' | 'wing' | 'block' | 'facility';
export type CellUse = 'general' | 'segregation' | 'medical';

export const SCOPES: readonly Scope[] = ['cell', 'wing', 'block', 'facility'];
export const ROLES: readonly Role[] = ['leader', 'ideologue', 'planner', 'member', 'unknown'];

export interface Cell {
  id: string;
  facility: string;
  block: string;
  wing: string;
  capacity: number;
  outOfService?: boolean;
  designation?: { sex: Sex; age: AgeGroup };
  use?: CellUse;
}

export interface Detainee {
  id: string;
  sex: Sex;
  age: AgeGroup;
  status: LegalStatus;
  role: Role;
  currentCell: string | null;
}

export interface Link {
  a: string;
  b: string;
  weight: number;
}

export interface NonAssociation {
  a: string;
  b: string;
  scope: Scope;
}

export interface Policy {
  moveBudget: number;
  moveCost: number;
  penalties: Record<Scope, number>;
  singleCellRoles: Role[];
}

export interface Instance {
  version: 1;
  name?: string;
  cells: Cell[];
  detainees: Detainee[];
  links: Link[];
  nonAssociations: NonAssociation[];
  policy: Policy;
}

export interface Unplaced {
  id: string;
  reasons: string[];
}

export interface PlanStats {
  /** Cost of the plan as `plan-check.mjs` computes it (links + moves), rounded to cents. */
  cost: number;
  linkCost: number;
  /** Link cost of today's housing (housed detainees where they are; arrivals not counted). */
  costBefore: number;
  /** Housed detainees whose cell changes (unplaced housed detainees count too). */
  moves: number;
  /** Of which forced by a rule (out of service, directive, category, capacity). */
  forcedMoves: number;
  moveBudget: number;
  placed: number;
  unplaced: number;
  /** Links whose two ends shared a cell (or a wing) before and no longer do. */
  linksBrokenUp: { cell: number; wing: number };
  /** Links by the smallest unit their two ends share in the plan. */
  linksSharing: { cell: number; wing: number; block: number; facility: number };
  elapsedMs: number;
  iterations: number;
  seed: number;
  /** True when the search stopped on convergence (then the plan depends only on the seed). */
  converged: boolean;
}

export interface Plan {
  assignments: Record<string, string>;
  unplaced: Unplaced[];
  stats: PlanStats;
  explanations: Record<string, string>;
}

export interface AllocateOptions {
  /** Wall-clock bound for the search (construction always completes). Default 10 000. */
  timeLimitMs?: number;
  /** Seed of the pseudo-random tie-breaks. Default 1. */
  seed?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  /** Skip the improvement phases: keep, repair and place greedily (the baseline). */
  greedyOnly?: boolean;
}
