import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  allocate,
  checkPlan,
  generateSyntheticEstate,
  greedyBaseline,
  parseInstance,
  SYNTHETIC_PRESETS,
} from '../../../src/engines/housing';
import { cell, det, instance } from './helpers';

const example = () =>
  parseInstance(
    JSON.parse(
      readFileSync(new URL('../../fixtures/housing/allocation-example.json', import.meta.url), 'utf8'),
    ),
  );
const valid = (inst: ReturnType<typeof instance>, plan: ReturnType<typeof allocate>) => {
  const r = checkPlan(inst, plan.assignments);
  expect(r.violations).toEqual({
    ...r.violations,
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
    overMoveBudget: 0,
  });
  return r;
};

describe('allocate: the example instance', () => {
  it('gives a valid plan whose cost agrees with the checker', () => {
    const inst = example();
    const plan = allocate(inst, { timeLimitMs: 2000, seed: 1 });
    const r = checkPlan(inst, plan.assignments);
    expect(r.valid).toBe(true);
    expect(plan.stats.cost).toBe(r.cost);
    expect(plan.stats.moves).toBe(r.moves);
    expect(plan.unplaced).toEqual([]);
    expect(r.cost).toBeLessThanOrEqual(3);
    for (const d of inst.detainees) expect(plan.explanations[d.id]).toMatch(/^(kept|moved|placed)/);
    expect(plan.explanations.D2).toMatch(/directive vs D3 at wing scope/);
    expect(plan.explanations.D1).toMatch(/needs a single cell/);
  });

  it('is deterministic for a seed', () => {
    const a = allocate(example(), { seed: 5 });
    const b = allocate(example(), { seed: 5 });
    expect(a.assignments).toEqual(b.assignments);
  });
});

describe('allocate: hard rules', () => {
  it('moves those in an out-of-service cell, and counts the move', () => {
    const inst = instance({
      cells: [cell('F1-B1-W1-C1', 2, { outOfService: true }), cell('F1-B1-W1-C2', 2)],
      detainees: [det('D1', { currentCell: 'F1-B1-W1-C1' })],
    });
    const plan = allocate(inst);
    expect(plan.assignments.D1).toBe('F1-B1-W1-C2');
    expect(plan.stats.moves).toBe(1);
    expect(plan.explanations.D1).toMatch(/out of service/);
  });

  it('never exceeds capacity', () => {
    const inst = instance({ cells: [cell('F1-B1-W1-C1', 2)], detainees: [det('D1'), det('D2'), det('D3')] });
    const plan = allocate(inst);
    valid(inst, plan);
    expect(Object.keys(plan.assignments)).toHaveLength(2);
    expect(plan.unplaced).toHaveLength(1);
    expect(plan.unplaced[0].reasons.join(' ')).toMatch(/no free bed/);
  });

  it('keeps apart those under a directive at its scope', () => {
    for (const scope of ['cell', 'wing', 'block', 'facility'] as const) {
      const inst = instance({
        cells: [
          cell('F1-B1-W1-C1', 4),
          cell('F1-B1-W2-C1', 4),
          cell('F1-B2-W1-C1', 4),
          cell('F2-B1-W1-C1', 4),
        ],
        detainees: [det('D1'), det('D2')],
        links: [],
        nonAssociations: [{ a: 'D1', b: 'D2', scope }],
      });
      const plan = allocate(inst);
      expect(checkPlan(inst, plan.assignments).valid).toBe(true);
    }
  });

  it('keeps one sex and age group per wing, and the designation', () => {
    const inst = instance({
      cells: [
        cell('F1-B1-W1-C1', 4),
        cell('F1-B1-W1-C2', 4),
        cell('F1-B1-W2-C1', 4, { designation: { sex: 'F', age: 'adult' } }),
      ],
      detainees: [det('D1'), det('D2', { sex: 'F' }), det('D3', { age: 'juvenile' })],
    });
    const plan = allocate(inst);
    valid(inst, plan);
    expect(plan.assignments.D2).toBe('F1-B1-W2-C1');
    expect(plan.unplaced.map((u) => u.id)).toEqual(['D3']); // D1 holds wing W1 for M/adult
    expect(plan.unplaced[0].reasons.join(' ')).toMatch(/M\/juvenile/);
  });

  it('keeps one legal status per cell', () => {
    const inst = instance({
      cells: [cell('F1-B1-W1-C1', 2), cell('F1-B1-W1-C2', 2)],
      detainees: [det('D1'), det('D2', { status: 'convicted' }), det('D3')],
      links: [{ a: 'D1', b: 'D3', weight: 1 }],
    });
    const plan = allocate(inst);
    valid(inst, plan);
    expect(plan.unplaced).toEqual([]);
    expect(plan.assignments.D1).toBe(plan.assignments.D3); // the only way to house all three
  });

  it('gives single-cell roles a cell of their own, and says so when none is free', () => {
    const inst = instance({
      cells: [cell('F1-B1-W1-C1', 4), cell('F1-B1-W1-C2', 1)],
      detainees: [
        det('D3', { currentCell: 'F1-B1-W1-C1' }),
        det('L1', { role: 'leader' }),
        det('L2', { role: 'planner' }),
      ],
    });
    const plan = allocate(inst);
    valid(inst, plan);
    expect(plan.assignments.D3).toBe('F1-B1-W1-C1');
    expect(plan.unplaced).toHaveLength(1);
    expect(plan.unplaced[0].reasons.join(' ')).toMatch(
      /no free single cell for role (leader|planner) in any wing open to M\/adult/,
    );
  });

  it('makes no new placement in segregation or medical cells, but lets those there stay', () => {
    const inst = instance({
      cells: [cell('F1-B1-W1-C1', 2, { use: 'segregation' }), cell('F1-B1-W1-C2', 1, { use: 'medical' })],
      detainees: [det('D1', { currentCell: 'F1-B1-W1-C1' }), det('D2')],
    });
    const plan = allocate(inst);
    valid(inst, plan);
    expect(plan.assignments.D1).toBe('F1-B1-W1-C1');
    expect(plan.unplaced.map((u) => u.id)).toEqual(['D2']);
  });

  it('respects the move budget, forced moves included', () => {
    const inst = instance({
      cells: [cell('F1-B1-W1-C1', 4), cell('F1-B1-W1-C2', 4), cell('F1-B1-W2-C1', 4), cell('F2-B1-W1-C1', 4)],
      detainees: ['D1', 'D2', 'D3', 'D4'].map((id) => det(id, { currentCell: 'F1-B1-W1-C1' })),
      links: [
        { a: 'D1', b: 'D2', weight: 1 },
        { a: 'D1', b: 'D3', weight: 1 },
        { a: 'D1', b: 'D4', weight: 1 },
        { a: 'D2', b: 'D3', weight: 1 },
      ],
      policy: { moveBudget: 1 } as never,
    });
    const plan = allocate(inst);
    const r = valid(inst, plan);
    expect(r.valid).toBe(true);
    expect(r.moves).toBe(1);
    expect(plan.assignments.D1).not.toBe('F1-B1-W1-C1'); // the move that breaks most links
    expect(plan.explanations.D1).toMatch(/to break up links with/);
  });

  it('when forced moves exceed the budget, lists who cannot be placed', () => {
    const inst = instance({
      cells: [cell('F1-B1-W1-C1', 4, { outOfService: true }), cell('F1-B1-W1-C2', 4)],
      detainees: ['D1', 'D2'].map((id) => det(id, { currentCell: 'F1-B1-W1-C1' })),
      policy: { moveBudget: 1 } as never,
    });
    const plan = allocate(inst);
    expect(Object.keys(plan.assignments)).toHaveLength(1);
    expect(plan.unplaced).toHaveLength(1);
    expect(plan.unplaced[0].reasons.join(' ')).toMatch(/out of service.*move budget exhausted/);
  });

  it('explains a directive that no cell can meet', () => {
    const inst = instance({
      cells: [cell('F1-B1-W1-C1', 4), cell('F1-B1-W2-C1', 4)],
      detainees: [det('D1', { currentCell: 'F1-B1-W1-C1' }), det('D44')],
      nonAssociations: [{ a: 'D1', b: 'D44', scope: 'block' }],
    });
    const plan = allocate(inst);
    expect(plan.unplaced).toEqual([
      {
        id: 'D44',
        reasons: [expect.stringMatching(/every candidate cell .*directive vs D1 at block scope/)],
      },
    ]);
  });
});

describe('allocate: a small synthetic estate', () => {
  it('is valid and cheaper than the greedy baseline', () => {
    const inst = generateSyntheticEstate({ ...SYNTHETIC_PRESETS.small, seed: 3 });
    const plan = allocate(inst, { timeLimitMs: 2000, seed: 1 });
    const base = greedyBaseline(inst);
    const r = checkPlan(inst, plan.assignments);
    expect(r.valid).toBe(true);
    expect(checkPlan(inst, base.assignments).valid).toBe(true);
    expect(r.cost).toBeLessThan(base.stats.cost);
    expect(plan.stats.cost).toBe(r.cost);
  });

  it('generates the same estate from the same seed', () => {
    const a = generateSyntheticEstate({ ...SYNTHETIC_PRESETS.small, seed: 9 });
    const b = generateSyntheticEstate({ ...SYNTHETIC_PRESETS.small, seed: 9 });
    expect(a).toEqual(b);
    expect(parseInstance(JSON.parse(JSON.stringify(a)))).toBeTruthy();
  });
});
