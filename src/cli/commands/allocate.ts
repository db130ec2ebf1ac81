import { readFile, writeFile } from 'node:fs/promises';
import { parseFlags, UsageError, type Command } from '../command';
import { allocate, checkPlan, InstanceError, parseInstance } from '../../engines/housing';

const usage = `custodia allocate --instance FILE [--out FILE] [--time-limit SECONDS] [--seed N]

Proposes housing for an allocation instance (format 1, shared/formats/allocation.md): a plan that
breaks no hard rule and disperses networks within the move budget.
  --instance FILE      the instance (JSON)
  --out FILE           where to write the plan (JSON); on stdout when absent
  --time-limit SECONDS bound on the whole command, reading and writing included (default 10)
  --seed N             seed of the search's tie-breaks (default 1)
A summary (cost, moves, time, unplaced with reasons) goes to stderr.
Exit 0: every detainee placed; 1: a plan of what can be placed, the rest listed; 2: bad input.`;

/** `custodia allocate`: runs the housing engine on an instance file. */
const allocateCommand: Command = {
  name: 'allocate',
  summary: 'Propose housing that keeps networks apart, from an allocation instance file',
  usage,
  async run(argv, io) {
    const start = Date.now();
    let flags;
    try {
      ({ flags } = parseFlags(argv, {
        instance: 'string',
        out: 'string',
        'time-limit': 'string',
        seed: 'string',
        help: 'boolean',
      }));
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr(`custodia allocate: ${e.message}\n${usage}\n`);
        return 2;
      }
      throw e;
    }
    if (flags.help) {
      io.stdout(usage + '\n');
      return 0;
    }
    const fail = (msg: string) => {
      io.stderr(`custodia allocate: ${msg}\n`);
      return 2;
    };
    if (!flags.instance) return fail(`--instance is required\n${usage}`);
    const limitS = flags['time-limit'] === undefined ? 10 : Number(flags['time-limit']);
    if (!Number.isFinite(limitS) || limitS <= 0)
      return fail('--time-limit must be a positive number of seconds');
    const seed = flags.seed === undefined ? 1 : Number(flags.seed);
    if (!Number.isInteger(seed)) return fail('--seed must be an integer');
    const deadline = start + limitS * 1000;

    let text: string;
    try {
      text = await readFile(flags.instance, 'utf8');
    } catch (e) {
      return fail(`cannot read ${flags.instance}: ${(e as Error).message}`);
    }
    let instance;
    try {
      instance = parseInstance(JSON.parse(text));
    } catch (e) {
      if (e instanceof InstanceError) return fail(`${flags.instance}: ${e.message}\nno plan written`);
      if (e instanceof SyntaxError) return fail(`${flags.instance}: not JSON: ${e.message}\nno plan written`);
      throw e;
    }
    // Keep time to serialise and write the plan: roughly 1 ms per 200 detainees, at least 50 ms.
    const reserve = Math.max(50, instance.detainees.length / 200) + (Date.now() - start) * 0.5;
    const plan = allocate(instance, { seed, timeLimitMs: Math.max(0, deadline - Date.now() - reserve) });
    const check = checkPlan(instance, plan.assignments);
    const json = JSON.stringify(plan, null, 1) + '\n';
    if (flags.out) {
      try {
        await writeFile(flags.out, json);
      } catch (e) {
        return fail(`cannot write ${flags.out}: ${(e as Error).message}`);
      }
    } else io.stdout(json);

    const s = plan.stats;
    const lines = [
      `allocate: ${instance.detainees.length} detainees, ${s.placed} placed, ${s.unplaced} unplaced`,
      `cost ${s.cost} (links ${s.linkCost}; today's housing ${s.costBefore}), moves ${s.moves} of budget ${s.moveBudget} (${s.forcedMoves} forced)`,
      `links broken up: ${s.linksBrokenUp.cell} out of a shared cell, ${s.linksBrokenUp.wing} out of a shared wing; still sharing a cell: ${s.linksSharing.cell}, a wing: ${s.linksSharing.wing}`,
      `time ${((Date.now() - start) / 1000).toFixed(2)} s (search ${(s.elapsedMs / 1000).toFixed(2)} s, ${s.converged ? 'converged' : 'stopped at the time limit'})`,
    ];
    const broken = Object.entries(check.violations).filter(([k, v]) => v > 0 && k !== 'unplaced');
    if (broken.length)
      lines.push(`WARNING: hard rules broken: ${broken.map(([k, v]) => `${k} ${v}`).join(', ')}`);
    for (const u of plan.unplaced.slice(0, 50)) lines.push(`unplaced ${u.id}: ${u.reasons.join('; ')}`);
    if (plan.unplaced.length > 50)
      lines.push(`… and ${plan.unplaced.length - 50} more unplaced (see the plan's "unplaced")`);
    io.stderr(lines.join('\n') + '\n');
    return plan.unplaced.length > 0 || broken.length > 0 ? 1 : 0;
  },
};

export default allocateCommand;
