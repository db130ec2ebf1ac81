/**
 * How many true pairs of a synthetic register no reviewer could link (not a benchmark): a true
 * pair (r1, r2) is dominated when some record r3 of another person agrees with r1 (or r2) at
 * least as well on every field — name weight, date of birth, mother, nationality, sex, kunya.
 * Any decision that links r1 and r2 on that evidence links r1 and r3 too.
 * Run: npx tsx bench/identity-ceiling.ts [seed] [persons]
 */
import {
  blockingKeys,
  compareNames,
  dobCase,
  NameFrequency,
  prepareRecord,
  syntheticRegister,
  tokenSimilarity,
  type PreparedRecord,
} from '../src/engines/identity';

const seed = Number(process.argv[2] ?? 42);
const persons = Number(process.argv[3] ?? 10_000);
const rows = [...syntheticRegister({ seed, persons })];
const P = rows.map((r) => prepareRecord(r.record));
const person = rows.map((r) => r.person);
const freq = new NameFrequency(P);

const sign = (x: boolean | null) => (x === null ? 0 : x ? 1 : -1);
function features(a: PreparedRecord, b: PreparedRecord): number[] {
  let name = -Infinity;
  for (const x of a.names)
    for (const y of b.names) name = Math.max(name, compareNames(x, y, freq, false).score);
  const dob = dobCase(a.dob, b.dob)?.weight ?? 0;
  const mother =
    a.mother && b.mother ? tokenSimilarity(a.mother.tokens[0].key, b.mother.tokens[0].key) >= 0.88 : null;
  const nat =
    a.nationality.size && b.nationality.size ? [...a.nationality].some((c) => b.nationality.has(c)) : null;
  const sex = a.record.sex && b.record.sex ? a.record.sex === b.record.sex : null;
  let kunya = 0;
  for (const x of a.kunyas)
    for (const y of b.kunyas) if (tokenSimilarity(x.tokens[0].key, y.tokens[0].key) >= 0.9) kunya = 1;
  return [name, dob, sign(mother), sign(nat), sign(sex), kunya];
}
const dominates = (f: number[], t: number[]) => f.every((x, k) => x >= t[k]);

const blocks = new Map<string, number[]>();
P.forEach((p, i) => {
  for (const k of blockingKeys(p)) if (k[0] === 'n') (blocks.get(k) ?? blocks.set(k, []).get(k)!).push(i);
});
const neighbours = (i: number): Set<number> => {
  const out = new Set<number>();
  for (const k of blockingKeys(P[i])) for (const j of blocks.get(k) ?? []) out.add(j);
  return out;
};
const byPerson = new Map<string, number[]>();
person.forEach((p, i) => (byPerson.get(p) ?? byPerson.set(p, []).get(p)!).push(i));
let total = 0,
  dominated = 0;
const cache = new Map<number, Set<number>>();
for (const ids of byPerson.values())
  for (let x = 0; x < ids.length; x++)
    for (let y = x + 1; y < ids.length; y++) {
      total++;
      const [i, j] = [ids[x], ids[y]];
      const t = features(P[i], P[j]);
      let found = false;
      for (const [r, other] of [
        [i, j],
        [j, i],
      ]) {
        const near = cache.get(r) ?? cache.set(r, neighbours(r)).get(r)!;
        for (const k of near) {
          if (k === other || person[k] === person[r]) continue;
          if (dominates(features(P[r], P[k]), t)) {
            found = true;
            break;
          }
        }
        if (found) break;
      }
      if (found) dominated++;
    }
console.log(
  `seed ${seed}, ${P.length} records: ${total} true pairs, ${dominated} dominated by another person's record (${(dominated / total).toFixed(3)}); recall ceiling ≈ ${(1 - dominated / total).toFixed(3)}`,
);
