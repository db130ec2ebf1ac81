import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import command from '../../../src/cli/commands/identity';

function io() {
  const out: string[] = [],
    err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}
const dir = mkdtempSync(path.join(tmpdir(), 'identity-cli-'));
const good = [
  {
    id: 'R1',
    names: ['Husayn Hasan Ismail al-Jubouri', 'Abu Imad al-Iraqi'],
    sex: 'M',
    dob: '1987-07-23',
    nationality: ['IQ'],
    motherName: 'Fatima',
  },
  { id: 'R2', names: ['حسين حسن اسماعيل الجبوري'], dob: '1987-07-23', motherName: 'فاطمة' },
  { id: 'R3', names: ['Muhammad Ahmad Ali'], dob: '1990' },
];

describe('custodia identity dedupe', () => {
  it('writes one {"id","cluster"} line per record and a summary on stderr', async () => {
    const input = path.join(dir, 'in.jsonl'),
      out = path.join(dir, 'out.jsonl');
    writeFileSync(input, good.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const t = io();
    expect(await command.run(['dedupe', '--input', input, '--out', out], t.io)).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => Object.keys(l))).toEqual([
      ['id', 'cluster'],
      ['id', 'cluster'],
      ['id', 'cluster'],
    ]);
    expect(lines[0].cluster).toBe(lines[1].cluster);
    expect(lines[2].cluster).not.toBe(lines[0].cluster);
    expect(t.err.join('')).toMatch(/3 records → 2 persons/);
  });
  it('writes to stdout without --out', async () => {
    const input = path.join(dir, 'in2.jsonl');
    writeFileSync(input, good.map((r) => JSON.stringify(r)).join('\n'));
    const t = io();
    expect(await command.run(['dedupe', '--input', input], t.io)).toBe(0);
    expect(t.out.join('').trim().split('\n')).toHaveLength(3);
  });
  it('reports every bad line and processes none, unless --skip-invalid', async () => {
    const input = path.join(dir, 'bad.jsonl'),
      out = path.join(dir, 'bad-out.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify(good[0]),
        '{not json',
        JSON.stringify({ id: 'R5', names: [] }),
        JSON.stringify({ id: 'R6', names: ['Ali'], dob: '87' }),
      ].join('\n'),
    );
    const t = io();
    expect(await command.run(['dedupe', '--input', input, '--out', out], t.io)).toBe(1);
    const err = t.err.join('');
    expect(err).toMatch(/line 2/);
    expect(err).toMatch(/line 3, record R5, field names/);
    expect(err).toMatch(/line 4, record R6, field dob/);
    const t2 = io();
    expect(await command.run(['dedupe', '--input', input, '--out', out, '--skip-invalid'], t2.io)).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(1);
  });
  it('refuses unknown options with exit 2', async () => {
    const t = io();
    expect(await command.run(['dedupe', '--inptu', 'x'], t.io)).toBe(2);
    expect(await command.run(['dedupe'], t.io)).toBe(2);
  });
});
