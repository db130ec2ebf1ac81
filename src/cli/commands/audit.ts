import { verifyAuditChain } from '../../platform/audit/verify-audit-chain';
import { type Command, parseFlags, UsageError } from '../command';
import { openServices } from '../context';

const command: Command = {
  name: 'audit',
  summary: 'verify the tamper-evident audit chain',
  usage: `custodia audit verify [--json]

Walks the whole audit chain, recomputing every SHA-256 link. Exits 0 when it holds; exits 1 and
names the first bad entry when any entry was altered, removed, or inserted out of order.
Prints the head hash: keep it somewhere else to anchor the chain.`,
  async run(argv, io) {
    const { flags, rest } = parseFlags(argv, { json: 'boolean' });
    if (rest[0] !== 'verify' || rest.length !== 1) throw new UsageError('expected: custodia audit verify');
    const { services } = await openServices();
    try {
      const verdict = await verifyAuditChain(services.db);
      if (flags.json) io.stdout(JSON.stringify(verdict) + '\n');
      else if (verdict.ok) io.stdout(`ok: ${verdict.checked} entries, head ${verdict.headHash}\n`);
      if (!verdict.ok)
        io.stderr(`audit chain broken at entry ${verdict.firstBad!.seq}: ${verdict.firstBad!.reason}\n`);
      return verdict.ok ? 0 : 1;
    } finally {
      await services.store.close();
    }
  },
};
export default command;
