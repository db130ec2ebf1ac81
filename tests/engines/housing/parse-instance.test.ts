import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { InstanceError, parseInstance } from '../../../src/engines/housing';

const example = () =>
  JSON.parse(
    readFileSync(new URL('../../fixtures/housing/allocation-example.json', import.meta.url), 'utf8'),
  );
const errorsOf = (raw: unknown): string[] => {
  try {
    parseInstance(raw);
  } catch (e) {
    if (e instanceof InstanceError) return e.errors;
    throw e;
  }
  return [];
};

describe('parseInstance', () => {
  it('accepts the example instance', () => {
    const inst = parseInstance(example());
    expect(inst.cells).toHaveLength(24);
    expect(inst.detainees).toHaveLength(10);
  });

  it('refuses what is not an instance', () => {
    expect(errorsOf(null)).toEqual(['instance: must be a JSON object']);
    expect(errorsOf([])).toEqual(['instance: must be a JSON object']);
    expect(
      errorsOf({ version: 2, cells: [], detainees: [], links: [], nonAssociations: [], policy: {} }),
    ).toContain('version: must be 1 (got 2)');
    expect(errorsOf({ version: 1 })).toEqual(
      expect.arrayContaining(['cells: must be an array', 'policy: must be an object']),
    );
  });

  it('names the item of each error', () => {
    const raw = example();
    raw.cells[12].capacity = -1;
    raw.cells[3].id = raw.cells[2].id;
    raw.links[4].b = 'D99';
    raw.links[0].weight = 1.5;
    raw.nonAssociations[1].scope = 'room';
    raw.detainees[7].id = 'D3';
    raw.detainees[0].currentCell = 'NOPE';
    raw.detainees[1].sex = 'X';
    raw.policy.moveBudget = -3;
    raw.policy.penalties.wing = 'ten';
    const errors = errorsOf(raw);
    expect(errors).toEqual(
      expect.arrayContaining([
        'cells[12].capacity: must be a non-negative integer',
        'cells[3].id: duplicate id "F1-B1-W1-C003"',
        'links[4].b: unknown detainee "D99"',
        'links[0].weight: must be a number in (0, 1]',
        'nonAssociations[1].scope: must be one of cell, wing, block, facility',
        'detainees[7].id: duplicate id "D3"',
        'detainees[0].currentCell: unknown cell "NOPE"',
        'detainees[1].sex: must be "M" or "F"',
        'policy.moveBudget: must be a non-negative integer',
        'policy.penalties.wing: must be a non-negative number',
      ]),
    );
  });

  it('refuses a link or directive of a detainee with himself', () => {
    const raw = example();
    raw.nonAssociations[0].b = raw.nonAssociations[0].a;
    expect(errorsOf(raw)).toContain('nonAssociations[0]: a and b are the same detainee "D2"');
  });

  it('puts the errors in the message', () => {
    const raw = example();
    raw.cells[12].capacity = 1.5;
    expect(() => parseInstance(raw)).toThrow(/cells\[12\]\.capacity: must be a non-negative integer/);
  });
});
