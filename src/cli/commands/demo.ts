import { type DemoLogin, loadDemo, parseSeed } from '../../demo';
import { BadRequest } from '../../platform/errors';
import { type CliIO, type Command, parseFlags, UsageError } from '../command';
import { openServices } from '../context';

/** `login ROLE USERNAME PASSWORD`, one line per demo account: what `demo` and `start` print. */
export function printLogins(io: CliIO, logins: DemoLogin[]): void {
  for (const l of logins) io.stdout(`login ${l.role} ${l.username} ${l.password}\n`);
}

/** Reads --seed and --scale, refusing anything that is not a number before the store is opened. */
export function demoOptions(flags: { seed?: string; scale?: string }): { seed: number; scale: number } {
  let seed: number;
  try {
    seed = parseSeed(flags.seed);
  } catch (error) {
    if (error instanceof BadRequest)
      throw new UsageError(`--seed: "${flags.seed}" is not a number (a whole number from 0)`);
    throw error;
  }
  const scale = flags.scale === undefined ? 1 : Number(flags.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 2 || flags.scale?.trim() === '')
    throw new UsageError(`--scale: "${flags.scale}" is not a number between 0 (excluded) and 2`);
  return { seed, scale };
}

const command: Command = {
  name: 'demo',
  summary: 'load the demo estate into an empty store',
  usage: `custodia demo [--seed N] [--scale X]

Creates and migrates the configured store if needed and loads the demo: six fictional sites,
about 7,700 cells and 25,000 beds, about 14,000 detainees in custody, one account per role. The
same seed (default 1) always gives the same demo. --scale (default 1) shrinks it, e.g. 0.05.
Writes the pending transfer manifest (5,700 arrivals) to data/demo/transfer-manifest.csv and the
same people in the sending authority's layout to data/demo/transfer-manifest-foreign.csv.
Prints one line "login ROLE USERNAME PASSWORD" per account and "site CODE NAME" per site.
Refuses a store that already holds a site or a detainee.`,
  async run(argv, io) {
    const { flags, rest } = parseFlags(argv, { seed: 'string', scale: 'string' });
    if (rest.length) throw new UsageError(`unexpected argument ${rest[0]}`);
    const options = demoOptions(flags);
    const { services, applied } = await openServices();
    try {
      if (applied.length) io.stderr(`applied ${applied.length} migration(s)\n`);
      const started = performance.now();
      const summary = await loadDemo(services, options);
      io.stderr(
        `demo (seed ${summary.seed}, scale ${summary.scale}) loaded in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
          `${summary.sites.length} sites, ${summary.cells} cells, ${summary.beds} beds, ${summary.inCustody} detainees in custody; ` +
          `manifest of ${summary.manifest.rows} arrivals from ${summary.manifest.countries} countries in ${summary.manifest.file}\n`,
      );
      printLogins(io, summary.logins);
      for (const s of summary.sites) io.stdout(`site ${s.code} ${s.name}\n`);
      return 0;
    } finally {
      await services.store.close();
    }
  },
};
export default command;
