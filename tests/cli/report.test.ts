import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { openStore } from '../../src/platform/db/database';
import { freshStoreConfig } from '../helpers/store';

/**
 * `custodia demo`, `report` and `export` as a user runs them, on a fresh store of the suite's
 * kind, from a temporary working directory (the demo writes its manifest under data/demo).
 */
const saved = { ...process.env };
const cwd = process.cwd();
const dir = mkdtempSync(path.join(os.tmpdir(), 'custodia-cli-'));
let fresh: Awaited<ReturnType<typeof freshStoreConfig>>;

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

async function counts() {
  const store = openStore(fresh.config);
  try {
    const n = async (table: 'sites' | 'detainees' | 'audit_entries') =>
      Number(
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { sites: await n('sites'), detainees: await n('detainees'), audit: await n('audit_entries') };
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
});
afterAll(async () => {
  process.chdir(cwd);
  process.env = saved;
  await fresh.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('custodia demo', () => {
  it('refuses a seed that is not a number before touching the store', async () => {
    const res = await cli('demo', '--seed', 'abc', '--scale', '0.02');
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--seed: "abc" is not a number/);
    expect(existsSync(path.join(dir, 'data/demo'))).toBe(false);
    expect((await cli('demo', '--scale', 'big')).code).toBe(2);
  });

  it('loads a small demo and prints one login per role and one line per site', async () => {
    const res = await cli('demo', '--seed', '7', '--scale', '0.02');
    expect(res.code, res.stderr).toBe(0);
    const logins = res.stdout.split('\n').filter((l) => l.startsWith('login '));
    expect(logins).toHaveLength(10);
    for (const l of logins) expect(l).toMatch(/^login [a-z]+ [a-z]+ \S{12,}$/);
    const sites = res.stdout.split('\n').filter((l) => l.startsWith('site '));
    expect(sites).toHaveLength(6);
    expect(sites[0]).toBe('site HLC Hillcrest High-Security Prison');
    expect(readFileSync(path.join(dir, 'data/demo/transfer-manifest.csv'), 'utf8').split('\r\n')[0]).toMatch(
      /^manifest_row,manifest_id,family_name,given_names,name_ar/,
    );
    expect(readFileSync(path.join(dir, 'data/demo/transfer-manifest-foreign.csv'), 'utf8')).toContain(
      'الاسم الكامل',
    );
  }, 120_000);

  it('refuses a store that already holds data, changing nothing', async () => {
    const before = await counts();
    const res = await cli('demo', '--seed', '8', '--scale', '0.02');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/already holds data/);
    expect(await counts()).toEqual(before);
  }, 60_000);
});

describe('custodia report population', () => {
  it('counts by nationality as JSON: an array of the key and count, largest first', async () => {
    const res = await cli('report', 'population', '--by', 'nationality', '--format', 'json');
    expect(res.code, res.stderr).toBe(0);
    const rows = JSON.parse(res.stdout) as { nationality: string; count: number }[];
    expect(rows[0]).toEqual({ nationality: 'IQ', count: expect.any(Number) });
    expect(rows.map((r) => r.count)).toEqual([...rows.map((r) => r.count)].sort((a, b) => b - a));
    // Dual nationals count once under each nationality: at least everyone in custody.
    expect(rows.reduce((n, r) => n + r.count, 0)).toBeGreaterThanOrEqual(280);
  });

  it('counts by site and by status; the site counts add up to the population', async () => {
    const bySite = JSON.parse(
      (await cli('report', 'population', '--by', 'site', '--format', 'json')).stdout,
    ) as { site: string; count: number }[];
    expect(bySite).toHaveLength(6);
    expect(bySite.reduce((n, r) => n + r.count, 0)).toBe(280);
    const byStatus = JSON.parse(
      (await cli('report', 'population', '--by', 'status', '--format', 'json')).stdout,
    );
    expect(byStatus).toEqual([{ status: 'in_custody', count: 280 }]);
  });

  it('writes CSV and a table', async () => {
    const csv = await cli('report', 'population', '--by', 'status', '--format', 'csv');
    expect(csv.stdout).toBe('status,count\r\nin_custody,280\r\n');
    const table = await cli('report', 'population', '--by', 'site');
    expect(table.stdout.split('\n')[0]).toMatch(/^site\s+count$/);
    expect(table.stdout).toMatch(/total\s+280/);
  });

  it('refuses an unknown --by or --format with exit 2', async () => {
    const by = await cli('report', 'population', '--by', 'colour');
    expect(by.code).toBe(2);
    expect(by.stderr).toMatch(/--by: "colour" is not one of nationality, site, status/);
    const format = await cli('report', 'population', '--by', 'site', '--format', 'xml');
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format: "xml"/);
    expect((await cli('report', 'headcount', '--by', 'site')).code).toBe(2);
  });
});

describe('custodia export detainees', () => {
  it('exports a site as CSV with every list field, quoted, Arabic as is', async () => {
    const res = await cli('export', 'detainees', '--site', 'HLC', '--format', 'csv');
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,number,displayName,nameAr,sex,dob,nationalities,legalStatus,ageCategory,status,siteId,siteCode,cellId,cellCode',
    );
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.slice(1).every((l) => l.includes(',HLC,'))).toBe(true);
    expect(res.stdout).toMatch(/[\u0600-\u06FF]/);
  });

  it('exports everyone as JSON, the earlier custodies included', async () => {
    const res = await cli('export', 'detainees', '--format', 'json');
    const items = JSON.parse(res.stdout) as { status: string; nationalities: string[] }[];
    expect(items.filter((i) => i.status === 'in_custody')).toHaveLength(280);
    expect(items.some((i) => i.status === 'released' || i.status === 'transferred_out')).toBe(true);
  });

  it('refuses an unknown format (exit 2) and an unknown site (exit 1)', async () => {
    expect((await cli('export', 'detainees', '--format', 'xlsx')).code).toBe(2);
    expect((await cli('export', 'detainees')).code).toBe(2);
    const site = await cli('export', 'detainees', '--site', 'NOPE', '--format', 'csv');
    expect(site.code).toBe(1);
    expect(site.stderr).toMatch(/NOPE/);
  });
});
