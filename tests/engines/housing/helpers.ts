import type { Cell, Detainee, Instance } from '../../../src/engines/housing';

/** A cell `F-B-W-C` with defaults. */
export function cell(id: string, capacity = 2, extra: Partial<Cell> = {}): Cell {
  const [f, b, w] = id.split('-');
  return { id, facility: f, block: `${f}-${b}`, wing: `${f}-${b}-${w}`, capacity, ...extra };
}

export function det(id: string, extra: Partial<Detainee> = {}): Detainee {
  return { id, sex: 'M', age: 'adult', status: 'untried', role: 'member', currentCell: null, ...extra };
}

export function instance(parts: Partial<Instance>): Instance {
  return {
    version: 1,
    cells: [],
    detainees: [],
    links: [],
    nonAssociations: [],
    ...parts,
    policy: {
      moveBudget: 10,
      moveCost: 1,
      penalties: { cell: 100, wing: 10, block: 2, facility: 0.5 },
      singleCellRoles: ['leader', 'ideologue', 'planner'],
      ...(parts.policy ?? {}),
    },
  };
}
