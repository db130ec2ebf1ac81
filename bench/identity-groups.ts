/**
 * Recall reachable at pairwise precision 0.97 by any rule over the engine's evidence (not a
 * benchmark): candidate pairs (the engine's blocking) are grouped by their evidence — date case,
 * name weight, other fields, name conflicts — and the purest groups are taken first until
 * precision would fall below 0.97. Also reports the share of true pairs blocking compares at all.
 * Run: npx tsx bench/identity-groups.ts [seed] [persons]
 */
import {
  blockingKeys,
  compareNames,
  dobCase,
  NameFrequency,
  prepareRecord,
  scorePair,
  syntheticRegister,
} from '../src/engines/identity';

const seed = Number(process.argv[2] ?? 42);
const persons = Number(process.argv[3] ?? 10_000);
const rows = [...syntheticRegister({ seed, persons })];
const P = rows.map((r) => prepareRecord(r.record));
const person = rows.map((r) => r.person);
const freq = new NameFrequency(P);
const n = P.length;

const blocks = new Map<string, number[]>();
P.forEach((p, i) => {
  for (const k of blockingKeys(p)) (blocks.get(k) ?? blocks.set(k, []).get(k)!).push(i);
});
const perPerson = new Map<string, number>();
for (const p of person) perPerson.set(p, (perPerson.get(p) ?? 0) + 1);
let totalTrue = 0;
for (const c of perPerson.values()) totalTrue += (c * (c - 1)) / 2;

const groups = new Map<string, [number, number]>();
const seen = new Set<number>();
for (const [k, b] of blocks) {
  // The same limits as clusterRecords' defaults (maxBlock 40, year-keyed blocks twice that).
  if (b.length < 2 || b.length > (k[0] === 'n' || k[0] === 'k' ? 40 : 80)) continue;
  for (let x = 0; x < b.length; x++)
    for (let y = x + 1; y < b.length; y++) {
      const i = b[x],
        j = b[y];
      const key = i < j ? i * n + j : j * n + i;
      if (seen.has(key)) continue;
      seen.add(key);
      let name = -Infinity,
        matched = 0,
        conflicts = '';
      for (const u of P[i].names)
        for (const v of P[j].names) {
          const c = compareNames(u, v, freq);
          if (c.score > name) {
            name = c.score;
            matched = c.matched;
            conflicts = c.evidence
              .filter((e) => e.direction === 'against')
              .map((e) => e.message.split(' ')[0])
              .join(',');
          }
        }
      const d = dobCase(P[i].dob, P[j].dob);
      const s = scorePair(P[i], P[j], freq, undefined, false);
      const rest = s.score - name - (d?.weight ?? 0);
      const group = `${d ? d.message : 'no date'} | other ${Math.round(rest)} | name ${Math.round(name)} | parts ${matched} | ${conflicts}${s.hard ? ' | hard' : ''}`;
      const e = groups.get(group) ?? [0, 0];
      e[person[i] === person[j] ? 0 : 1]++;
      groups.set(group, e);
    }
}
const purity = ([t, f]: [number, number]) => (t + 1) / (t + f + 2);
const list = [...groups.entries()].sort((p, q) => purity(q[1]) - purity(p[1]));
let candTrue = 0;
for (const [, [t]] of list) candTrue += t;
let tp = 0,
  fp = 0,
  cut = list.length;
for (let g = 0; g < list.length; g++) {
  const [t, f] = list[g][1];
  if ((tp + t) / (tp + t + fp + f) < 0.97) {
    cut = g;
    break;
  }
  tp += t;
  fp += f;
}
console.log(
  `seed ${seed}, ${n} records: ${totalTrue} true pairs, ${candTrue} compared by blocking (${(candTrue / totalTrue).toFixed(3)}); purest evidence groups reach recall ${(tp / totalTrue).toFixed(3)} at precision ${(tp / (tp + fp)).toFixed(3)}`,
);
console.log('largest groups left out (true, false, evidence):');
for (const [g, [t, f]] of list
  .slice(cut)
  .sort((p, q) => q[1][0] - p[1][0])
  .slice(0, 12))
  console.log(`${t}\t${f}\t${g}`);
