import { buildApp } from '../../app';
import { systemActor } from '../../platform/http/actor';
import { type Command, parseFlags } from '../command';
import { openServices } from '../context';
import type { Services } from '../../services';

interface Job {
  name: string;
  everyMs: number;
  /** Run once as soon as the server starts, not only after the first interval. */
  atStart?: boolean;
  run: () => Promise<unknown>;
}

/**
 * The background jobs of a running server. Each is a plain service method (tests call them with a
 * FixedClock); here they run on timers, as the system, one run of a job at a time — over a
 * national estate a run may take longer than its interval.
 */
function startJobs(services: Services, onError: (job: string, error: unknown) => void): () => void {
  const now = () => services.clock.now();
  const jobs: Job[] = [
    {
      name: 'alert escalation',
      everyMs: 60_000,
      run: () => services.alerts.escalateOverdue(systemActor('escalation')),
    },
    {
      name: 'overdue notifications',
      everyMs: 60_000,
      run: () => services.notifications.raiseOverdue(systemActor('notifications')),
    },
    // Missed and late checks become alerts, and unanswered ones go to the commander.
    { name: 'missed-check sweep', everyMs: 60_000, run: () => services.monitoring.detectMissedChecks(now()) },
    // Unlawful detention raised at once, deadlines before they pass.
    { name: 'legal clock', everyMs: 60_000, atStart: true, run: () => services.legal.checkLegalClock(now()) },
    // Rule 44: the day-13 alert and the breach beyond 15 consecutive days.
    {
      name: 'segregation watch',
      everyMs: 5 * 60_000,
      run: () => services.housing.segregation.checkSegregation(now()),
    },
    // Records changed since the last run screened against the register; pairs go to duplicate review.
    {
      name: 'duplicate scan',
      everyMs: 10 * 60_000,
      run: () => services.registerRecord.merges.scanChanged(systemActor('duplicate-scan')),
    },
    // Compliance findings raised as alerts, then the day's population snapshot.
    {
      name: 'safeguards',
      everyMs: 5 * 60_000,
      run: async () => {
        await services.safeguards.compliance.evaluateCompliance(now());
        await services.safeguards.statistics.snapshotPopulation(now());
      },
    },
  ];
  const timers = jobs.map((job) => {
    let running = false;
    const tick = () => {
      if (running) return;
      running = true;
      job
        .run()
        .catch((error) => onError(job.name, error))
        .finally(() => (running = false));
    };
    if (job.atStart) tick();
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach(clearInterval);
}

/** Starts the server on the configured store; resolves when it is listening, with a stop function. */
export async function startServer(
  log: (line: string) => void,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const { config, services, applied } = await openServices(process.env, { serving: true });
  if (applied.length) log(`applied ${applied.length} migration(s)\n`);
  const app = await buildApp({ services, logLevel: config.logLevel, secureCookies: config.secureCookies });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const stopJobs = startJobs(services, (job, error) => app.log.error({ err: error }, `${job} failed`));
  const stop = async () => {
    stopJobs();
    await app.close();
    await services.store.close();
  };
  return { url, stop };
}

const command: Command = {
  name: 'serve',
  summary: 'run the web app and the API',
  usage: `custodia serve

Serves the web app and the API on HOST:PORT (default 127.0.0.1:8080) from the configured store
(DATABASE_URL for PostgreSQL, else the SQLite file CUSTODIA_DB, default data/custodia.db),
migrating it first. Stops cleanly on SIGINT or SIGTERM.`,
  async run(argv, io) {
    parseFlags(argv, {});
    const { url, stop } = await startServer(io.stderr);
    io.stderr(`Custodia is listening on ${url}\n`);
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await stop();
    return 0;
  },
};
export default command;
