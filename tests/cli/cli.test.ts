import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { openStore } from '../../src/platform/db/database';
import { freshStoreConfig, STORE_KIND } from '../helpers/store';

let env: Record<string, string>;
let cleanup: () => Promise<void>;
let config: Awaited<ReturnType<typeof freshStoreConfig>>['config'];
const saved = { ...process.env };

beforeAll(async () => {
  ({ env, cleanup, config } = await freshStoreConfig());
  delete process.env.DATABASE_URL;
  delete process.env.CUSTODIA_DB;
  Object.assign(process.env, env, { LOG_LEVEL: 'silent' });
});
afterAll(async () => {
  process.env = saved;
  await cleanup();
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

async function tamper(statement: string) {
  const store = openStore(config);
  try {
    if (STORE_KIND === 'postgres') {
      await sql.raw('alter table audit_entries disable trigger audit_entries_immutable').execute(store.db);
      await sql.raw(statement).execute(store.db);
      await sql.raw('alter table audit_entries enable trigger audit_entries_immutable').execute(store.db);
    } else {
      await sql.raw('drop trigger if exists audit_entries_no_update').execute(store.db);
      await sql.raw(statement).execute(store.db);
    }
  } finally {
    await store.close();
  }
}

describe('custodia', () => {
  it('prints help and refuses unknown commands and options', async () => {
    expect((await run('--help')).stdout).toContain('audit');
    expect((await run('nonsense')).code).toBe(2);
    const bad = await run('migrate', '--colour');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--colour');
    expect((await run('users', '--help')).stdout).toContain('reset-password');
  });

  it("migrates, and the audit already holds the system's own entry", async () => {
    const first = await run('migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('0001-platform');
    expect((await run('migrate')).stdout).toBe('');
    const verify = await run('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^ok: \d+ entries, head [0-9a-f]{64}/);
  });

  it('adds, lists, disables users and resets passwords; data on stdout only', async () => {
    const added = await run('users', 'add', '--username', 'chief', '--role', 'director', '--all-sites');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^chief \S{12,}\n$/);
    expect((await run('users', 'add', '--username', 'x', '--role', 'warden', '--all-sites')).code).not.toBe(
      0,
    );
    expect((await run('users', 'list')).stdout).toMatch(/chief\tdirector\tall sites\tactive/);
    expect((await run('users', 'disable', '--username', 'chief')).code).toBe(0);
    expect((await run('users', 'list')).stdout).toMatch(/chief\tdirector\tall sites\tdisabled/);
    const reset = await run('users', 'reset-password', '--username', 'chief');
    expect(reset.stdout.trim()).toMatch(/^\S{12,}$/);
    expect((await run('users', 'disable', '--username', 'ghost')).code).toBe(2);
  });

  it('audit verify exits non-zero after an entry is changed by hand, naming it', async () => {
    expect((await run('audit', 'verify')).code).toBe(0);
    await tamper(`update audit_entries set actor_name = 'someone else' where seq = 2`);
    const verify = await run('audit', 'verify');
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain('entry 2');
  });
});
