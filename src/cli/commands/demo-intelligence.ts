import { loadDemoIntelligence } from '../../modules/housing';
import { systemActor } from '../../platform/http/actor';
import { type Command, parseFlags, UsageError } from '../command';
import { openServices } from '../context';

const command: Command = {
  name: 'demo-intelligence',
  summary: 'load fictional association links, directives and classifications over the demo estate',
  usage: `custodia demo-intelligence [--seed N]

Over the detainees already housed (load the demo first), creates fictional networks of 3 to 12
people of one wing with a leader each, links inside them and weak ties across them, and
non-association directives between rival factions that today's housing breaks: what an analyst
needs to propose a re-plan (web: Housing plans). Runs once per store.`,
  async run(argv, io) {
    const { flags, rest } = parseFlags(argv, { seed: 'string' });
    if (rest.length) throw new UsageError(`unexpected argument ${rest[0]}`);
    const seed = flags.seed === undefined ? 1 : Number(flags.seed);
    if (!Number.isInteger(seed) || seed < 0)
      throw new UsageError(`--seed: "${flags.seed}" is not a whole number from 0`);
    const { services } = await openServices();
    try {
      const s = await loadDemoIntelligence(services.db, services.clock, systemActor('demo'), { seed });
      io.stderr(
        `demo intelligence: ${s.networks} networks (${s.members} members), ${s.links} links, ${s.directives} directives, ${s.classified} classifications\n`,
      );
      return 0;
    } finally {
      await services.store.close();
    }
  },
};
export default command;
