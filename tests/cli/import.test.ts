import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { openStore } from '../../src/platform/db/database';
import { freshStoreConfig } from '../helpers/store';

/** `custodia import manifest` on a small demo: dry run, acceptance, re-import, a bad file, a foreign layout. */
const saved = { ...process.env };
const cwd = process.cwd();
const fixtures = path.resolve(cwd, 'tests/fixtures/intake');
const dir = mkdtempSync(path.join(os.tmpdir(), 'custodia-import-'));
let fresh: Awaited<ReturnType<typeof freshStoreConfig>>;

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

async function detainees(): Promise<number> {
  const store = openStore(fresh.config);
  try {
    return Number(
      (
        await store.db
          .selectFrom('detainees')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  fresh = await freshStoreConfig();
  delete process.env.DATABASE_URL;
  delete process.env.CUSTODIA_DB;
  Object.assign(process.env, fresh.env, { LOG_LEVEL: 'silent' });
  process.chdir(dir);
  const demo = await cli('demo', '--seed', '3', '--scale', '0.01');
  if (demo.code !== 0) throw new Error(demo.stderr);
}, 120_000);
afterAll(async () => {
  process.chdir(cwd);
  process.env = saved;
  await fresh.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('custodia import manifest', () => {
  it('dry run: says what would happen, changes nothing', async () => {
    const before = await detainees();
    const res = await cli(
      'import',
      'manifest',
      'data/demo/transfer-manifest.csv',
      '--site',
      'HLC',
      '--dry-run',
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(
      /rows — would create \d+, link \d+ to their earlier record, flag \d+ for review/,
    );
    expect(await detainees()).toBe(before);
  }, 60_000);

  it('accepts the manifest, and a second run applies nothing more', async () => {
    const before = await detainees();
    const res = await cli(
      'import',
      'manifest',
      'data/demo/transfer-manifest.csv',
      '--site',
      'HLC',
      '--manifest-ref',
      'DEMO-1',
    );
    expect(res.code, res.stderr).toBe(0);
    const created = Number(/created (\d+)/.exec(res.stdout)![1]);
    expect(created).toBeGreaterThan(10);
    expect(await detainees()).toBe(before + created);
    const again = await cli(
      'import',
      'manifest',
      'data/demo/transfer-manifest.csv',
      '--site',
      'HLC',
      '--manifest-ref',
      'DEMO-1',
    );
    expect(again.stdout).toMatch(
      /created 0, linked 0, flagged for review 0, rejected 0, already applied \d+/,
    );
    expect(await detainees()).toBe(before + created);
  }, 60_000);

  it('lists every bad row and applies nothing; refuses an unknown site', async () => {
    const before = await detainees();
    const res = await cli('import', 'manifest', path.join(fixtures, 'manifest-errors.csv'), '--site', 'HLC');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('row 2: nationalities: "Narnia" is not a known country code or name');
    expect(res.stderr).toContain('row 3: manifest_id: "ERR-0001" is already on row 1');
    expect(res.stderr).toContain('4 invalid row(s) of 5; nothing applied');
    const site = await cli('import', 'manifest', path.join(fixtures, 'manifest-small.csv'), '--site', 'NOPE');
    expect(site.code).toBe(1);
    expect(site.stderr).toMatch(/no such site/);
    expect(await detainees()).toBe(before);
  }, 60_000);

  it("reads the demo's foreign layout with a mapping file", async () => {
    const res = await cli(
      'import',
      'manifest',
      'data/demo/transfer-manifest-foreign.csv',
      '--site',
      'HLC',
      '--mapping',
      path.join(fixtures, 'mapping-foreign.json'),
      '--dry-run',
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/would create/);
  }, 60_000);
});
