import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { demoLogins, loadDemo, loadedDemo, storeContents } from '../../demo';
import { type Command, parseFlags, UsageError } from '../command';
import { openServices } from '../context';
import { demoOptions, printLogins } from './demo';
import { startServer } from './serve';

const ROOT = path.resolve(new URL('../../..', import.meta.url).pathname);

/** Runs `npm run build` in the package, its output on stderr; resolves with its exit code. */
function build(log: (text: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const command: Command = {
  name: 'start',
  summary: 'build what is missing, load the demo into an empty store, and serve',
  usage: `custodia start [--seed N]

What "npm start" runs: builds the web app if dist/web is missing, loads the demo estate (seed N,
default 1) when the store is empty, and serves the web app and the API (as custodia serve).
Prints the URL and the demo logins on stdout. A store that already holds the demo is served as it
is (its logins are printed again); a store with other data is served without the demo.`,
  async run(argv, io) {
    const { flags, rest } = parseFlags(argv, { seed: 'string' });
    if (rest.length) throw new UsageError(`unexpected argument ${rest[0]}`);
    const { seed } = demoOptions({ seed: flags.seed });

    if (existsSync(path.join(ROOT, 'dist/web/index.html'))) io.stderr('web app: dist/web is built\n');
    else if (!existsSync(path.join(ROOT, 'web')))
      io.stderr('web app: no web/ folder, serving the API only\n');
    else {
      io.stderr('web app: building dist/web (npm run build)…\n');
      const code = await build(io.stderr);
      if (code !== 0) {
        io.stderr(
          `web app: the build failed (exit ${code}); fix it or run custodia serve for the API only\n`,
        );
        return 1;
      }
    }

    const { services, applied } = await openServices();
    let logins;
    try {
      if (applied.length) io.stderr(`applied ${applied.length} migration(s)\n`);
      const loaded = await loadedDemo(services);
      const held = await storeContents(services);
      if (loaded) {
        io.stderr(`the store already holds the demo (seed ${loaded.seed}): serving it as it is\n`);
        logins = demoLogins(loaded.seed);
      } else if (held.sites === 0 && held.detainees === 0) {
        io.stderr(`loading the demo estate (seed ${seed}) into the empty store…\n`);
        const summary = await loadDemo(services, { seed });
        io.stderr(
          `demo loaded: ${summary.sites.length} sites, ${summary.inCustody} detainees; transfer manifest in ${summary.manifest.file}\n`,
        );
        logins = summary.logins;
      } else {
        io.stderr(
          `the store holds other data (${held.sites} site(s), ${held.detainees} detainee(s)): not loading the demo\n`,
        );
      }
    } finally {
      await services.store.close();
    }

    const { url, stop } = await startServer(io.stderr);
    io.stdout(`url ${url}\n`);
    if (logins) printLogins(io, logins);
    io.stderr(`Custodia is listening on ${url} (Ctrl-C stops it)\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await stop();
    return 0;
  },
};
export default command;
