import { ROLES, SCOPES, type Instance } from './types';

/** Thrown by {@link parseInstance}: `errors` names every bad item, e.g. `cells[12].capacity: ...`. */
export class InstanceError extends Error {
  constructor(public readonly errors: string[]) {
    super(
      `invalid allocation instance (${errors.length} error${errors.length === 1 ? '' : 's'}):\n  ` +
        errors.slice(0, 50).join('\n  ') +
        (errors.length > 50 ? `\n  … and ${errors.length - 50} more` : ''),
    );
    this.name = 'InstanceError';
  }
}

const MAX_ERRORS = 1000;
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * Validates an allocation instance (format 1) and returns it typed; throws {@link InstanceError}
 * listing every problem (at most 1000), each naming its item: `cells[12].capacity: must be a
 * non-negative integer`, `links[4].b: unknown detainee "D9"`, `detainees[7].id: duplicate id "D3"`.
 *
 * @example
 * const instance = parseInstance(JSON.parse(readFileSync('instance.json', 'utf8')));
 */
export function parseInstance(raw: unknown): Instance {
  const errors: string[] = [];
  const err = (m: string) => {
    if (errors.length < MAX_ERRORS) errors.push(m);
  };
  if (!isObj(raw)) throw new InstanceError(['instance: must be a JSON object']);
  if (raw.version !== 1) err(`version: must be 1 (got ${JSON.stringify(raw.version)})`);
  if (raw.name !== undefined && typeof raw.name !== 'string') err('name: must be a string');
  for (const k of ['cells', 'detainees', 'links', 'nonAssociations'] as const)
    if (!Array.isArray(raw[k])) err(`${k}: must be an array`);
  if (!isObj(raw.policy)) err('policy: must be an object');
  if (errors.length) throw new InstanceError(errors);

  const cells = raw.cells as unknown[];
  const cellIds = new Set<string>();
  cells.forEach((c, i) => {
    const p = `cells[${i}]`;
    if (!isObj(c)) return err(`${p}: must be an object`);
    if (!isStr(c.id)) err(`${p}.id: must be a non-empty string`);
    else if (cellIds.has(c.id)) err(`${p}.id: duplicate id "${c.id}"`);
    else cellIds.add(c.id);
    for (const k of ['facility', 'block', 'wing'] as const)
      if (!isStr(c[k])) err(`${p}.${k}: must be a non-empty string`);
    if (typeof c.capacity !== 'number' || !Number.isInteger(c.capacity) || c.capacity < 0)
      err(`${p}.capacity: must be a non-negative integer`);
    if (c.outOfService !== undefined && typeof c.outOfService !== 'boolean')
      err(`${p}.outOfService: must be a boolean`);
    if (c.use !== undefined && c.use !== 'general' && c.use !== 'segregation' && c.use !== 'medical')
      err(`${p}.use: must be general, segregation or medical`);
    if (c.designation !== undefined) {
      const d = c.designation;
      if (!isObj(d) || (d.sex !== 'M' && d.sex !== 'F') || (d.age !== 'adult' && d.age !== 'juvenile'))
        err(`${p}.designation: must be { sex: "M"|"F", age: "adult"|"juvenile" }`);
    }
  });

  const dets = raw.detainees as unknown[];
  const detIds = new Set<string>();
  dets.forEach((d, i) => {
    const p = `detainees[${i}]`;
    if (!isObj(d)) return err(`${p}: must be an object`);
    if (!isStr(d.id)) err(`${p}.id: must be a non-empty string`);
    else if (detIds.has(d.id)) err(`${p}.id: duplicate id "${d.id}"`);
    else detIds.add(d.id);
    if (d.sex !== 'M' && d.sex !== 'F') err(`${p}.sex: must be "M" or "F"`);
    if (d.age !== 'adult' && d.age !== 'juvenile') err(`${p}.age: must be "adult" or "juvenile"`);
    if (d.status !== 'untried' && d.status !== 'convicted')
      err(`${p}.status: must be "untried" or "convicted"`);
    if (!ROLES.includes(d.role as never)) err(`${p}.role: must be one of ${ROLES.join(', ')}`);
    if (d.currentCell !== null && d.currentCell !== undefined) {
      if (!isStr(d.currentCell)) err(`${p}.currentCell: must be a cell id or null`);
      else if (!cellIds.has(d.currentCell)) err(`${p}.currentCell: unknown cell "${d.currentCell}"`);
    }
  });

  const pair = (arr: unknown[], name: string, check: (o: Record<string, unknown>, p: string) => void) =>
    arr.forEach((l, i) => {
      const p = `${name}[${i}]`;
      if (!isObj(l)) return err(`${p}: must be an object`);
      for (const k of ['a', 'b'] as const) {
        if (!isStr(l[k])) err(`${p}.${k}: must be a detainee id`);
        else if (!detIds.has(l[k])) err(`${p}.${k}: unknown detainee "${l[k]}"`);
      }
      if (isStr(l.a) && l.a === l.b) err(`${p}: a and b are the same detainee "${l.a}"`);
      check(l, p);
    });
  pair(raw.links as unknown[], 'links', (l, p) => {
    if (typeof l.weight !== 'number' || !(l.weight > 0 && l.weight <= 1))
      err(`${p}.weight: must be a number in (0, 1]`);
  });
  pair(raw.nonAssociations as unknown[], 'nonAssociations', (l, p) => {
    if (!SCOPES.includes(l.scope as never)) err(`${p}.scope: must be one of ${SCOPES.join(', ')}`);
  });

  const pol = raw.policy as Record<string, unknown>;
  if (typeof pol.moveBudget !== 'number' || !Number.isInteger(pol.moveBudget) || pol.moveBudget < 0)
    err('policy.moveBudget: must be a non-negative integer');
  if (typeof pol.moveCost !== 'number' || !Number.isFinite(pol.moveCost) || pol.moveCost < 0)
    err('policy.moveCost: must be a non-negative number');
  if (!isObj(pol.penalties)) err('policy.penalties: must be an object with cell, wing, block, facility');
  else
    for (const s of SCOPES) {
      const v = pol.penalties[s];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        err(`policy.penalties.${s}: must be a non-negative number`);
    }
  if (pol.singleCellRoles !== undefined) {
    if (!Array.isArray(pol.singleCellRoles)) err('policy.singleCellRoles: must be an array of roles');
    else
      pol.singleCellRoles.forEach((r, i) => {
        if (!ROLES.includes(r as never))
          err(`policy.singleCellRoles[${i}]: unknown role ${JSON.stringify(r)}`);
      });
  }
  if (errors.length) throw new InstanceError(errors);

  const inst = raw as unknown as Instance;
  return {
    ...inst,
    detainees: inst.detainees.map((d) => (d.currentCell === undefined ? { ...d, currentCell: null } : d)),
    policy: { ...inst.policy, singleCellRoles: inst.policy.singleCellRoles ?? [] },
  };
}
