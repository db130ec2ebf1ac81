/**
 * `custodia identity dedupe --input FILE [--out FILE] [--skip-invalid]`: clusters person records
 * (JSON Lines, formats/identity.md) into persons. A bad line stops the run, with every bad line
 * reported, unless --skip-invalid; a half-checked file must never silently merge people.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseFlags, UsageError, type CliIO, type Command } from '../command';
import {
  clusterRecords,
  formatValidationError,
  validatePersonRecord,
  type PersonRecord,
  type ValidationError,
} from '../../engines/identity';

const usage = `Usage: custodia identity dedupe --input FILE [--out FILE] [--skip-invalid]

Reads person records as JSON Lines ({"id","names",...}, see formats/identity.md) and writes one
{"id","cluster"} line per record: records with the same cluster are the same person.
  --input FILE      records, one JSON object a line
  --out FILE        where to write the clusters (default: standard output)
  --skip-invalid    leave out bad lines (still reported) instead of refusing the whole file
A summary goes to standard error. Exit 0 on success, 1 on invalid input, 2 on usage errors.`;

async function dedupe(argv: string[], io: CliIO): Promise<number> {
  const { flags, rest } = parseFlags(argv, { input: 'string', out: 'string', 'skip-invalid': 'boolean' });
  if (rest.length) throw new UsageError(`unexpected argument ${rest[0]}`);
  if (!flags.input) throw new UsageError('--input FILE is required');
  let text: string;
  try {
    text = readFileSync(flags.input, 'utf8');
  } catch (e) {
    io.stderr(`cannot read ${flags.input}: ${(e as Error).message}\n`);
    return 1;
  }
  const records: PersonRecord[] = [];
  const errors: ValidationError[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      errors.push({ line: i + 1, field: 'record', message: `not valid JSON (${(e as Error).message})` });
      continue;
    }
    const v = validatePersonRecord(raw, i + 1);
    if (!v.ok) {
      errors.push(...v.errors);
      continue;
    }
    const first = seen.get(v.record.id);
    if (first !== undefined) {
      errors.push({
        line: i + 1,
        id: v.record.id,
        field: 'id',
        message: `duplicate id, first on line ${first}`,
      });
      continue;
    }
    seen.set(v.record.id, i + 1);
    records.push(v.record);
  }
  for (const e of errors) io.stderr(`${flags.input}: ${formatValidationError(e)}\n`);
  const badLines = new Set(errors.map((e) => e.line)).size;
  if (errors.length && !flags['skip-invalid']) {
    io.stderr(`${badLines} bad line(s); nothing processed (fix them or use --skip-invalid)\n`);
    return 1;
  }
  const started = performance.now();
  const result = clusterRecords(records);
  const out =
    records.map((r) => JSON.stringify({ id: r.id, cluster: result.clusterOf.get(r.id) })).join('\n') +
    (records.length ? '\n' : '');
  if (flags.out) {
    try {
      writeFileSync(flags.out, out);
    } catch (e) {
      io.stderr(`cannot write ${flags.out}: ${(e as Error).message}\n`);
      return 1;
    }
  } else io.stdout(out);
  const s = result.stats;
  io.stderr(
    `${s.records} records → ${s.clusters} persons; ${s.merges} merges, ${s.refused} merges refused for a conflict, ` +
      `${result.review.length} pairs for review; ${s.pairsScored} pairs scored in ${Math.round(performance.now() - started)} ms` +
      (badLines ? `; ${badLines} bad line(s) skipped` : '') +
      '\n',
  );
  return 0;
}

const command: Command = {
  name: 'identity',
  summary: 'Identity resolution: dedupe person records across scripts and spellings',
  usage,
  async run(argv: string[], io: CliIO): Promise<number> {
    const [sub, ...rest] = argv;
    try {
      if (sub === 'dedupe') {
        if (rest.includes('--help')) {
          io.stdout(usage + '\n');
          return 0;
        }
        return await dedupe(rest, io);
      }
      if (sub === undefined || sub === '--help' || sub === 'help') {
        io.stdout(usage + '\n');
        return sub === undefined ? 2 : 0;
      }
      throw new UsageError(`unknown subcommand "${sub}"`);
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr(`custodia identity: ${e.message}\n${usage}\n`);
        return 2;
      }
      throw e;
    }
  },
};

export default command;
