/**
 * `custodia import manifest FILE --site CODE [--mapping FILE] [--manifest-ref REF] [--dry-run]`:
 * a transfer manifest in, through the same service as the API. Without --dry-run the command is
 * the intake officer's acceptance (by the system actor `cli`, audited): all rows or none.
 */
import { readFileSync } from 'node:fs';
import type { ManifestMapping, Progress } from '../../modules/intake';
import { AppError } from '../../platform/errors';
import { systemActor } from '../../platform/http/actor';
import { type CliIO, type Command, parseFlags, UsageError } from '../command';
import { openServices } from '../context';

const usage = `Usage: custodia import manifest FILE --site CODE [--mapping FILE] [--manifest-ref REF] [--dry-run]

Imports a transfer manifest (CSV or JSON, UTF-8; columns in docs/formats/transfer-manifest.md).
Every row is checked and screened against the register; then, unless --dry-run, all of it is
put on the register as arriving at the site — or none of it when any row is invalid.
  --site CODE          the receiving site
  --mapping FILE       JSON { "columns": { "<their header>": "<our column>" }, "values"?: {...} }
  --manifest-ref REF   the manifest's identifier (default: the JSON manifestId, or the file's hash)
  --dry-run            check and screen only: show what accepting would do, change nothing
Exit 0 on success, 1 when the file or any row is invalid (every bad row listed), 2 on usage errors.`;

/** A one-line bar redrawn on a terminal; nothing when standard error is not one. */
function progressBar(io: CliIO, tty: boolean): Progress {
  let last = '';
  return (stage, done, total) => {
    if (!tty) return;
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    const line = `${stage.padEnd(6)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    if (line !== last) io.stderr(`\r${line}`);
    last = line;
    if (done === total) io.stderr('\n');
  };
}

async function manifest(argv: string[], io: CliIO): Promise<number> {
  const { flags, rest } = parseFlags(argv, {
    site: 'string',
    mapping: 'string',
    'manifest-ref': 'string',
    'dry-run': 'boolean',
  });
  if (rest.length !== 1) throw new UsageError('name one manifest FILE');
  if (!flags.site) throw new UsageError('--site CODE is required');
  const file = rest[0];
  let bytes: Buffer;
  let mapping: ManifestMapping | null = null;
  try {
    bytes = readFileSync(file);
    if (flags.mapping) mapping = JSON.parse(readFileSync(flags.mapping, 'utf8')) as ManifestMapping;
  } catch (e) {
    io.stderr(`cannot read ${(e as NodeJS.ErrnoException).path ?? file}: ${(e as Error).message}\n`);
    return 1;
  }
  const { services } = await openServices();
  const actor = systemActor('cli');
  const progress = progressBar(io, !!process.stderr.isTTY);
  try {
    const batch = await services.intake.intake.preview(
      actor,
      {
        contentBase64: bytes.toString('base64'),
        fileName: file,
        siteCode: flags.site,
        manifestRef: flags['manifest-ref'] ?? null,
        mapping,
        format: file.endsWith('.json') ? 'json' : undefined,
      },
      progress,
    );
    for (const e of batch.errors) io.stderr(`${file}: row ${e.row}: ${e.field}: ${e.reason}\n`);
    const c = batch.counts;
    if (batch.errors.length) {
      io.stderr(`${c.invalid} invalid row(s) of ${c.rows}; nothing applied\n`);
      await services.intake.intake.discard(actor, batch.id);
      return 1;
    }
    if (flags['dry-run']) {
      await services.intake.intake.discard(actor, batch.id);
      io.stdout(
        `manifest ${batch.manifestRef}: ${c.rows} rows — would create ${c.new}, link ${c.linked} to their earlier record, flag ${c.review} for review; ${c.alreadyApplied} already applied (dry run, nothing changed)\n`,
      );
      return 0;
    }
    const done = await services.intake.intake.accept(actor, batch.id, progress);
    const d = done.counts;
    io.stdout(
      `manifest ${done.manifestRef}: ${d.rows} rows — created ${d.new}, linked ${d.linked}, flagged for review ${d.review}, rejected 0, already applied ${d.alreadyApplied}; import ${done.id}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      io.stderr(`${file}: ${e.message}; nothing applied\n`);
      return 1;
    }
    throw e;
  } finally {
    await services.store.close();
  }
}

const command: Command = {
  name: 'import',
  summary: 'Import a transfer manifest (CSV or JSON) onto the register',
  usage,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'manifest')
      throw new UsageError(
        sub ? `unknown import ${sub}` : 'say what to import: custodia import manifest FILE',
      );
    return manifest(rest, io);
  },
};

export default command;
