#!/usr/bin/env node
// `npm test`: the whole suite on SQLite, again on PostgreSQL when TEST_DATABASE_URL is set, and the
// browser tests when Chromium is present. Says what it skipped and why; ends with `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, '.test-results');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const extra = process.argv.slice(2);

const runs = [{ name: 'SQLite', env: { TEST_STORE: 'sqlite' }, config: 'vitest.config.ts' }];
const skipped = [];
if (process.env.TEST_DATABASE_URL)
  runs.push({ name: 'PostgreSQL', env: { TEST_STORE: 'postgres' }, config: 'vitest.config.ts' });
else
  skipped.push(
    'the PostgreSQL run: TEST_DATABASE_URL is not set (e.g. postgres://user:pass@127.0.0.1:5432/db; the role must be allowed to create databases)',
  );

const chromium = process.env.CHROMIUM_PATH || which('chromium') || which('chromium-browser');
if (!existsSync(path.join(root, 'vitest.e2e.config.ts')))
  skipped.push('the browser tests: there are none yet');
else if (!chromium)
  skipped.push('the browser tests: Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
else
  runs.push({
    name: 'Browser (Chromium)',
    env: { TEST_STORE: 'sqlite', CHROMIUM_PATH: chromium },
    config: 'vitest.e2e.config.ts',
  });

let passed = 0;
let failed = 0;
let pending = 0;
let crashed = false;
const failures = [];
for (const run of runs) {
  const file = path.join(outDir, `${run.name.replace(/\W+/g, '-').toLowerCase()}.json`);
  console.log(`\n=== ${run.name} ===`);
  const res = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--config',
      run.config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
      ...extra,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...run.env } },
  );
  if (!existsSync(file)) {
    console.log(`${run.name}: the test runner ended without results (exit ${res.status})`);
    crashed = true;
    continue;
  }
  const result = JSON.parse(readFileSync(file, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  pending += result.numPendingTests + (result.numTodoTests ?? 0);
  // A file that fails to load counts no test but fails the run.
  const broken = (result.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  );
  for (const f of broken)
    console.log(
      `${run.name}: ${path.relative(root, f.name)} failed to run: ${(f.message ?? '').split('\n')[0]}`,
    );
  if (broken.length > 0) failed += broken.length;
  for (const f of result.testResults ?? [])
    for (const a of f.assertionResults ?? [])
      if (a.status === 'failed')
        failures.push(
          `${run.name}: ${path.relative(root, f.name)} > ${a.fullName}\n    ${(a.failureMessages?.[0] ?? '').split('\n').slice(0, 3).join('\n    ')}`,
        );
  console.log(`${run.name}: ${result.numPassedTests} passed, ${result.numFailedTests} failed`);
  if (res.status !== 0 && result.numFailedTests === 0 && broken.length === 0) crashed = true;
}

// Repeated at the end so that a log cut to its tail still names what broke.
for (const f of failures) console.log(`FAILED ${f}`);
for (const s of skipped) console.log(`SKIPPED ${s}`);
console.log(`${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
process.exit(failed > 0 || crashed ? 1 : 0);

function which(cmd) {
  const res = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : null;
}
