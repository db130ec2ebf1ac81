/**
 * Error analysis for the identity engine (not a benchmark): clusters a synthetic register and
 * lists the missed true pairs and the wrong merges, grouped by cause.
 * Run: npx tsx bench/identity-errors.ts [seed] [persons]
 */
import {
  clusterRecords,
  NameFrequency,
  prepareRecord,
  scorePair,
  syntheticRegister,
  compareNames,
  type PreparedRecord,
} from '../src/engines/identity';

const seed = Number(process.argv[2] ?? 42);
const persons = Number(process.argv[3] ?? 10_000);
const rows = [...syntheticRegister({ seed, persons })];
const records = rows.map((r) => r.record);
const personOf = new Map(rows.map((r) => [r.record.id, r.person]));
const res = clusterRecords(records);
const prepared = new Map(records.map((r) => [r.id, prepareRecord(r)]));
const freq = new NameFrequency(prepared.values());

function dobKind(a: PreparedRecord, b: PreparedRecord): string {
  if (!a.dob || !b.dob) return a.dob || b.dob ? 'dob one side' : 'dob none';
  const fa = a.dob.month !== undefined,
    fb = b.dob.month !== undefined;
  const dy = Math.abs(a.dob.year - b.dob.year);
  if (fa && fb) {
    if (dy === 0 && a.dob.month === b.dob.month && a.dob.day === b.dob.day) return 'dob same full';
    if (dy === 0 && a.dob.month === b.dob.day && a.dob.day === b.dob.month) return 'dob swapped';
    if (dy === 1 && a.dob.month === b.dob.month && a.dob.day === b.dob.day) return 'dob year off';
    return `dob differ(dy=${dy})`;
  }
  return dy === 0 ? 'dob same year (partial)' : `dob partial dy=${dy}`;
}

function nameShape(a: PreparedRecord, b: PreparedRecord): string {
  let best = -Infinity;
  let desc = '';
  for (const x of a.names)
    for (const y of b.names) {
      const c = compareNames(x, y, freq);
      if (c.score > best) {
        best = c.score;
        const rx = x.tokens.map((t) => t.role[0]).join('');
        const ry = y.tokens.map((t) => t.role[0]).join('');
        desc = `${rx}/${ry} m${c.matched}`;
      }
    }
  return desc;
}

function describe(a: PreparedRecord, b: PreparedRecord) {
  const s = scorePair(a, b, freq);
  const mother = a.mother && b.mother ? 'mother both' : 'mother -';
  const kun = a.kunyas.length && b.kunyas.length ? 'kunya both' : '';
  return { s, key: `${dobKind(a, b)} | ${mother} ${kun} | ${nameShape(a, b)}` };
}

const byCluster = new Map<string, string[]>();
for (const [id, c] of res.clusterOf) (byCluster.get(c) ?? byCluster.set(c, []).get(c)!).push(id);
const byPerson = new Map<string, string[]>();
for (const [id, p] of personOf) (byPerson.get(p) ?? byPerson.set(p, []).get(p)!).push(id);

const missed = new Map<string, number>();
const missedDecision = { same: 0, possible: 0, different: 0 };
const missedExamples: string[] = [];
let missedTotal = 0;
for (const ids of byPerson.values())
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      if (res.clusterOf.get(ids[i]) === res.clusterOf.get(ids[j])) continue;
      missedTotal++;
      const a = prepared.get(ids[i])!,
        b = prepared.get(ids[j])!;
      const { s, key } = describe(a, b);
      missedDecision[s.decision]++;
      missed.set(key, (missed.get(key) ?? 0) + 1);
      if (missedExamples.length < 25 && Math.random() < 0.05)
        missedExamples.push(
          `${JSON.stringify(a.record)}\n  ${JSON.stringify(b.record)}\n  → ${s.decision} ${s.score} ${s.evidence.map((e) => e.message + ' ' + e.weight).join('; ')}`,
        );
    }
const wrong = new Map<string, number>();
const wrongExamples: string[] = [];
let wrongTotal = 0;
for (const ids of byCluster.values())
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      if (personOf.get(ids[i]) === personOf.get(ids[j])) continue;
      wrongTotal++;
      const a = prepared.get(ids[i])!,
        b = prepared.get(ids[j])!;
      const { s, key } = describe(a, b);
      wrong.set(key, (wrong.get(key) ?? 0) + 1);
      if (wrongExamples.length < 25)
        wrongExamples.push(
          `${JSON.stringify(a.record)}\n  ${JSON.stringify(b.record)}\n  → ${s.decision} ${s.score} ${s.evidence.map((e) => e.message + ' ' + e.weight).join('; ')}`,
        );
    }
const top = (m: Map<string, number>) =>
  [...m.entries()]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 40)
    .map(([k, v]) => `${String(v).padStart(6)}  ${k}`)
    .join('\n');
console.log(
  `seed ${seed}: ${records.length} records; missed pairs ${missedTotal}, wrong pairs ${wrongTotal}`,
);
console.log('missed pairs by pair decision', missedDecision);
console.log('\nMISSED by cause\n' + top(missed));
console.log('\nWRONG by cause\n' + top(wrong));
if (process.argv.includes('-v')) {
  console.log('\nMISSED examples\n' + missedExamples.join('\n'));
  console.log('\nWRONG examples\n' + wrongExamples.join('\n'));
}
