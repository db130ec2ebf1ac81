import { POPULATION_GROUPINGS, type PopulationGrouping } from '../../modules/reports';
import { systemActor } from '../../platform/http/actor';
import { type Command, parseFlags, UsageError } from '../command';
import { openServices } from '../context';

const FORMATS = ['table', 'csv', 'json'] as const;

/** Left-aligned text columns with a header rule, for people reading a terminal. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) =>
    cells
      .map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

const command: Command = {
  name: 'report',
  summary: 'reports: the population by nationality, site or status',
  usage: `custodia report population --by nationality|site|status [--format table|csv|json]

Counts the detainees arriving or in custody, largest group first (a dual national counts under
each nationality). JSON is an array of objects with the grouping key and "count", e.g.
[{"nationality":"TR","count":160}]. The same figures as GET /api/reports/population.`,
  async run(argv, io) {
    const { flags, rest } = parseFlags(argv, { by: 'string', format: 'string' });
    if (rest[0] !== 'population' || rest.length > 1)
      throw new UsageError(
        rest[0] ? `unknown report "${rest[0]}" (reports: population)` : 'name a report: population',
      );
    if (!flags.by) throw new UsageError(`--by is required: ${POPULATION_GROUPINGS.join(', ')}`);
    if (!(POPULATION_GROUPINGS as readonly string[]).includes(flags.by))
      throw new UsageError(`--by: "${flags.by}" is not one of ${POPULATION_GROUPINGS.join(', ')}`);
    const format = flags.format ?? 'table';
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format: "${format}" is not one of ${FORMATS.join(', ')}`);
    const by = flags.by as PopulationGrouping;
    const { services } = await openServices();
    try {
      const rows = await services.reports.population(systemActor('cli'), by);
      if (format === 'json') io.stdout(JSON.stringify(rows) + '\n');
      else if (format === 'csv') io.stdout(services.reports.populationCsv(by, rows));
      else {
        const total = rows.reduce((n, r) => n + r.count, 0);
        io.stdout(formatTable([by, 'count'], [...rows.map((r) => [r[by] ?? '', r.count]), ['total', total]]));
      }
      return 0;
    } finally {
      await services.store.close();
    }
  },
};
export default command;
