import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import allocateCommand from '../../../src/cli/commands/allocate';
import { checkPlan, parseInstance } from '../../../src/engines/housing';

const fixture = new URL('../../fixtures/housing/allocation-example.json', import.meta.url);
const run = async (argv: string[]) => {
  let stdout = '',
    stderr = '';
  const code = await allocateCommand.run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
};

describe('custodia allocate', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'allocate-'));
  const inst = path.join(dir, 'instance.json');
  copyFileSync(fixture, inst);

  it('prints the plan on stdout and a summary on stderr', async () => {
    const r = await run(['--instance', inst, '--time-limit', '5']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(checkPlan(parseInstance(JSON.parse(readFileSync(inst, 'utf8'))), plan.assignments).valid).toBe(
      true,
    );
    expect(r.stderr).toMatch(/cost [\d.]+/);
    expect(r.stderr).toMatch(/moves 2 of budget 2/);
    expect(r.stderr).toMatch(/time [\d.]+ s/);
  });

  it('writes the plan to --out', async () => {
    const out = path.join(dir, 'plan.json');
    const r = await run(['--instance', inst, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(Object.keys(JSON.parse(readFileSync(out, 'utf8')).assignments)).toHaveLength(10);
  });

  it('refuses a bad instance with errors naming the items, exit 2, no plan', async () => {
    const raw = JSON.parse(readFileSync(fixture, 'utf8'));
    raw.cells[12].capacity = -1;
    raw.links[4].b = 'D99';
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(raw));
    const out = path.join(dir, 'bad-plan.json');
    const r = await run(['--instance', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cells\[12\]\.capacity: must be a non-negative integer/);
    expect(r.stderr).toMatch(/links\[4\]\.b: unknown detainee "D99"/);
    expect(r.stdout).toBe('');
    expect(() => readFileSync(out)).toThrow();
  });

  it('gives a partial plan, the unplaced with reasons, and exit 1 when infeasible', async () => {
    const raw = JSON.parse(readFileSync(fixture, 'utf8'));
    for (const c of raw.cells) if (c.facility === 'F2') c.outOfService = true;
    raw.nonAssociations.push({ a: 'D4', b: 'D5', scope: 'facility' }); // D5 can go nowhere but F1
    const f = path.join(dir, 'infeasible.json');
    writeFileSync(f, JSON.stringify(raw));
    const r = await run(['--instance', f]);
    expect(r.code).toBe(1);
    const plan = JSON.parse(r.stdout);
    expect(plan.unplaced.map((u: { id: string }) => u.id)).toContain('D5');
    expect(r.stderr).toMatch(/unplaced D5: .*directive vs D4 at facility scope/);
  });

  it('refuses bad flags and a missing file', async () => {
    expect((await run(['--instance'])).code).toBe(2);
    expect((await run(['--bogus'])).code).toBe(2);
    expect((await run(['--instance', inst, '--time-limit', '-1'])).code).toBe(2);
    const r = await run(['--instance', path.join(dir, 'missing.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read/);
    expect((await run(['--instance', fixture.pathname.replace(/json$/, 'nope')])).code).toBe(2);
  });
});
