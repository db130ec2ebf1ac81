import { buildApp } from '../../app';
import { systemActor } from '../../platform/http/actor';
import { type Command, parseFlags } from '../command';
import { openServices } from '../context';

/** Starts the server on the configured store; resolves when it is listening, with a stop function. */
export async function startServer(log: (line: string) => void): Promise<{ url: string; stop: () => Promise<void> }> {
  const { config, services, applied } = await openServices();
  if (applied.length) log(`applied ${applied.length} migration(s)\n`);
  const app = await buildApp({ services, logLevel: config.logLevel, secureCookies: config.secureCookies });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  // Unacknowledged alerts escalate on the minute.
  const timer = setInterval(() => {
    services.alerts.escalateOverdue(systemActor('escalation')).catch((error) => app.log.error({ err: error }, 'escalation failed'));
    services.notifications.raiseOverdue(systemActor('notifications')).catch((error) => app.log.error({ err: error }, 'notification sweep failed'));
  }, 60_000);
  timer.unref();
  // Missed and late checks become alerts on the minute, and unanswered ones go to the commander.
  const sweep = setInterval(() => {
    services.monitoring.detectMissedChecks(services.clock.now()).catch((error) => app.log.error({ err: error }, 'missed-check sweep failed'));
  }, 60_000);
  sweep.unref();
  // Segregation's Rule 44 watch: the day-13 alert and the breach beyond 15 days.
  const segregationTimer = setInterval(() => {
    services.housing.segregation.checkSegregation(services.clock.now()).catch((error) => app.log.error({ err: error }, 'segregation watch failed'));
  }, 5 * 60_000);
  segregationTimer.unref();
  // The legal clock: unlawful detention raised at once, deadlines before they pass (issue 9).
  // One run at a time: over a national estate a run may take longer than the interval.
  let legalRunning = false;
  const legalClock = () => {
    if (legalRunning) return;
    legalRunning = true;
    services.legal
      .checkLegalClock(services.clock.now())
      .catch((error) => app.log.error({ err: error }, 'legal clock failed'))
      .finally(() => (legalRunning = false));
  };
  const legalTimer = setInterval(legalClock, 60_000);
  legalTimer.unref();
  legalClock();
  // Safeguards (issue 10): compliance findings raised as alerts, and the day's population snapshot.
  let safeguardsRunning = false;
  const safeguardsTimer = setInterval(() => {
    if (safeguardsRunning) return;
    safeguardsRunning = true;
    const now = services.clock.now();
    services.safeguards.compliance
      .evaluateCompliance(now)
      .then(() => services.safeguards.statistics.snapshotPopulation(now))
      .catch((error) => app.log.error({ err: error }, 'safeguards job failed'))
      .finally(() => (safeguardsRunning = false));
  }, 5 * 60_000);
  safeguardsTimer.unref();
  const stop = async () => {
    clearInterval(timer);
    clearInterval(sweep);
    clearInterval(segregationTimer);
    clearInterval(legalTimer);
    clearInterval(safeguardsTimer);
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
