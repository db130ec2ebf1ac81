import { systemActor } from '../../platform/http/actor';
import { type Command, parseFlags, UsageError } from '../command';
import { openServices } from '../context';

const command: Command = {
  name: 'export',
  summary: 'export the register as CSV or JSON',
  usage: `custodia export detainees [--site CODE] --format csv|json

Writes every detainee (any status) of the register, or of one site, on stdout with the fields of
the detainee list: id, number, displayName, nameAr, sex, dob, nationalities, legalStatus,
ageCategory, status, siteId, siteCode, cellId, cellCode. CSV is UTF-8 (Arabic as is), quoted
where needed, nationalities joined with ";". JSON is an array of objects.`,
  async run(argv, io) {
    const { flags, rest } = parseFlags(argv, { site: 'string', format: 'string' });
    if (rest[0] !== 'detainees' || rest.length > 1)
      throw new UsageError(
        rest[0] ? `unknown export "${rest[0]}" (exports: detainees)` : 'name an export: detainees',
      );
    if (!flags.format) throw new UsageError('--format is required: csv or json');
    if (flags.format !== 'csv' && flags.format !== 'json')
      throw new UsageError(`--format: "${flags.format}" is not one of csv, json`);
    const { services } = await openServices();
    try {
      const items = await services.reports.exportDetainees(systemActor('cli'), { siteCode: flags.site });
      io.stdout(
        flags.format === 'json' ? JSON.stringify(items) + '\n' : services.reports.detaineesCsv(items),
      );
      io.stderr(`${items.length} detainee(s) exported\n`);
      return 0;
    } finally {
      await services.store.close();
    }
  },
};
export default command;
