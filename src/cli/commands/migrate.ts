import type { Command } from '../command';
import { parseFlags } from '../command';
import { openServices } from '../context';

const command: Command = {
  name: 'migrate',
  summary: 'bring the store to the latest schema',
  usage: `custodia migrate

Creates the store if needed and applies every migration not yet applied (the server also does
this at start). Each run that applies something is written to the audit as the system's own.
Prints the names of the migrations applied, one a line.`,
  async run(argv, io) {
    parseFlags(argv, {});
    const { services, applied } = await openServices();
    try {
      for (const name of applied) io.stdout(`${name}\n`);
      io.stderr(applied.length ? `applied ${applied.length} migration(s)\n` : 'the store is up to date\n');
      return 0;
    } finally {
      await services.store.close();
    }
  },
};
export default command;
