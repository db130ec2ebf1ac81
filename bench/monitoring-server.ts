/**
 * The server the check-ingestion benchmark loads (bench/monitoring.bench.ts runs it in a child
 * process so the load generator does not share its event loop): a fresh SQLite file, one site of
 * `CELLS` occupied cells on a 15-minute round, an officer's API token. Prints one JSON line with
 * the URL, the token and the cell ids, then serves until killed.
 */
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app';
import { systemClock } from '../src/platform/clock';
import { openStore } from '../src/platform/db/database';
import { migrateToLatest } from '../src/platform/db/migrate';
import { systemActor } from '../src/platform/http/actor';
import { createServices } from '../src/services';

const cellsWanted = Number(process.env.CELLS ?? 400);
const file = path.join(os.tmpdir(), `custodia-bench-monitoring-${process.pid}.db`);
const store = openStore({ kind: 'sqlite', file }, { backgroundCheckpoint: true });
await migrateToLatest(store.db, systemClock);
const services = createServices(store, systemClock);
const actor = systemActor('bench');
const site = await services.estate.createSite(actor, { code: 'B1', name: 'Bench Site', nameAr: 'موقع' });
const cellIds: string[] = [];
for (let w = 0; w * 50 < cellsWanted; w++) {
  const block = await services.estate.createBlock(actor, site.id, { code: `B${w}`, name: `Block ${w}` });
  const wing = await services.estate.createWing(actor, block.id, {
    code: `W${w}`,
    name: `Wing ${w}`,
    sex: 'M',
    ageGroup: 'adult',
  });
  await services.monitoring.checks.setSchedule(actor, wing.id, 15);
  for (let c = 0; c < 50 && cellIds.length < cellsWanted; c++) {
    const cell = await services.estate.createCell(actor, wing.id, { code: `C${c}`, capacity: 2 });
    cellIds.push(cell.id);
  }
}
await store.db.transaction().execute((trx) =>
  services.register.insertMany(
    trx,
    actor,
    cellIds.map((cellId, i) => ({
      names: [{ name: `Bench Person ${i}`, script: 'latin' as const, kind: 'legal' as const }],
      sex: 'M' as const,
      nationalities: ['IQ'],
      legalStatus: 'untried' as const,
      ageCategory: 'adult' as const,
      status: 'in_custody' as const,
      siteId: site.id,
      cellId,
    })),
  ),
);
await services.monitoring.detectMissedChecks();
// The service alone (no HTTP, no auth): what one check costs in the store, for comparison.
const direct = Number(process.env.DIRECT_CHECKS ?? 2000);
const t0 = performance.now();
for (let i = 0; i < direct; i++)
  await services.monitoring.checks.record(actor, {
    idempotencyKey: `direct-${process.pid}-${i}`,
    cellId: cellIds[i % cellIds.length],
    state: 'present',
  });
const serviceRate = direct / ((performance.now() - t0) / 1000);
const { token } = await services.users.createToken(actor, {
  name: 'bench-officer',
  role: 'officer',
  allSites: true,
});
const app = await buildApp({ services, rateLimit: { max: 10_000_000, loginMax: 1000 }, webRoot: null });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
// The server's CPU time, on a port of its own: CPU milliseconds per request hardly move with the
// machine's load, where requests per second on shared cores do.
const cpuServer = createServer((_req, res) => res.end(JSON.stringify(process.cpuUsage())));
await new Promise<void>((resolve) => cpuServer.listen(0, '127.0.0.1', resolve));
const cpuUrl = `http://127.0.0.1:${(cpuServer.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ url, cpuUrl, token, cellIds, serviceRate, direct })}\n`);
const stop = async () => {
  cpuServer.close();
  await app.close();
  await store.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
