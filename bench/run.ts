import { readdirSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

/** What a benchmark file returns: rows for a markdown table, and free notes. */
export interface BenchReport {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}\n`,
);
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as {
    default: () => Promise<BenchReport>;
  };
  const report = await mod.default();
  console.log(`## ${report.title}\n`);
  console.log(`| ${report.columns.join(' | ')} |`);
  console.log(`| ${report.columns.map(() => '---').join(' | ')} |`);
  for (const row of report.rows) console.log(`| ${row.join(' | ')} |`);
  for (const note of report.notes ?? []) console.log(`\n${note}`);
  console.log('');
}
