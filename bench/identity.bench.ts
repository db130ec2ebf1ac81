/**
 * Identity resolution benchmark: pairwise precision/recall/F1 on a synthetic register beside a
 * naive baseline (exact lower-case first name), dedupe time at 100,000 records, name-search p95
 * over 50,000 records, and linkage on the real UN/OFAC sanctions lists (read from
 * ../shared/data/identity relative to the repo root, never copied in).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchReport } from './run';
import {
  clusterRecords,
  NameFrequency,
  NameSearchIndex,
  prepareRecord,
  scorePair,
  syntheticRegister,
  type PersonRecord,
} from '../src/engines/identity';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(root, '../shared/data/identity');

function pairwise(truth: Map<string, string>, clusterOf: Map<string, string>) {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const byCluster = new Map<string, Map<string, number>>();
  const byPerson = new Map<string, number>();
  for (const [id, person] of truth) {
    const c = clusterOf.get(id)!;
    const m = byCluster.get(c) ?? byCluster.set(c, new Map()).get(c)!;
    m.set(person, (m.get(person) ?? 0) + 1);
    byPerson.set(person, (byPerson.get(person) ?? 0) + 1);
  }
  let predicted = 0,
    correct = 0,
    actual = 0;
  for (const m of byCluster.values()) {
    let size = 0;
    for (const n of m.values()) {
      size += n;
      correct += pairs(n);
    }
    predicted += pairs(size);
  }
  for (const n of byPerson.values()) actual += pairs(n);
  const precision = predicted ? correct / predicted : 1,
    recall = actual ? correct / actual : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const f3 = (x: number) => x.toFixed(3);

function synthetic(persons: number, seed: number) {
  const rows = [...syntheticRegister({ seed, persons })];
  return { records: rows.map((r) => r.record), truth: new Map(rows.map((r) => [r.record.id, r.person])) };
}

interface SanctionsLine {
  id: string;
  source: string;
  primary: string;
  aliases: { name: string; quality: string }[];
  original_script: string[];
  dob: string[];
}

export default async function identityBench(): Promise<BenchReport> {
  const rows: (string | number)[][] = [];
  const notes: string[] = [];

  // 1. Quality on a synthetic register, engine beside the naive baseline.
  const q = synthetic(10_000, 42);
  let t = performance.now();
  const res = clusterRecords(q.records);
  const qualityMs = performance.now() - t;
  const eng = pairwise(q.truth, res.clusterOf);
  const base = pairwise(q.truth, new Map(q.records.map((r) => [r.id, r.names[0].trim().toLowerCase()])));
  rows.push([
    `synthetic register, ${q.records.length} records / 10,000 persons: engine`,
    f3(eng.precision),
    f3(eng.recall),
    f3(eng.f1),
    `${(qualityMs / 1000).toFixed(1)} s`,
  ]);
  rows.push([
    'same register: baseline (exact lower-case first name)',
    f3(base.precision),
    f3(base.recall),
    f3(base.f1),
    '',
  ]);

  // More seeds: the thresholds were chosen on 42 and 5; 11 and 23 took no part in choosing them.
  for (const [seed, role] of [
    [5, 'calibration'],
    [11, 'held out'],
    [23, 'held out'],
  ] as const) {
    const qs = synthetic(10_000, seed);
    const e = pairwise(qs.truth, clusterRecords(qs.records).clusterOf);
    rows.push([
      `synthetic register seed ${seed} (${role}), ${qs.records.length} records / 10,000 persons: engine`,
      f3(e.precision),
      f3(e.recall),
      f3(e.f1),
      '',
    ]);
  }

  // 2. Dedupe speed at 100,000 records.
  const big = synthetic(54_000, 7);
  const recs = big.records.slice(0, 100_000);
  t = performance.now();
  // CPU time beside wall time: on a shared machine the wall clock mostly measures other load.
  const cpu0 = process.cpuUsage();
  const bigRes = clusterRecords(recs);
  const bigMs = performance.now() - t;
  const bigCpu = process.cpuUsage(cpu0);
  const bigQ = pairwise(new Map(recs.map((r) => [r.id, big.truth.get(r.id)!])), bigRes.clusterOf);
  rows.push([
    `dedupe ${recs.length} records (${bigRes.stats.pairsScored} pairs scored)`,
    f3(bigQ.precision),
    f3(bigQ.recall),
    f3(bigQ.f1),
    `${(bigMs / 1000).toFixed(1)} s (CPU ${((bigCpu.user + bigCpu.system) / 1e6).toFixed(1)} s)`,
  ]);

  // 3. Name search p95 over 50,000 records.
  const idx = new NameSearchIndex(recs.slice(0, 50_000));
  const queries = recs.slice(50_000, 50_500).map((r) => r.names[Math.floor(r.names.length / 2)]);
  const times: number[] = [];
  for (const qn of queries) {
    const s = performance.now();
    idx.search(qn, 20);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  rows.push([
    `name search over 50,000 records, ${queries.length} queries (either script)`,
    '',
    '',
    '',
    `p50 ${times[Math.floor(times.length * 0.5)].toFixed(1)} ms, p95 ${times[Math.floor(times.length * 0.95)].toFixed(1)} ms`,
  ]);

  // 4. Real data: sanctions lists.
  const file = path.join(dataDir, 'sanctions-aliases.jsonl');
  if (existsSync(file)) {
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as SanctionsLine);
    // Each name alone as a record; every alias searched for; hit when the top result is one of the same person's other names.
    const nameRecs: PersonRecord[] = [];
    const owner = new Map<string, string>();
    for (const l of lines)
      [l.primary, ...l.aliases.map((a) => a.name), ...l.original_script].forEach((n, k) => {
        if (!n || !n.trim()) return;
        const id = `${l.id}#${k}`;
        nameRecs.push({ id, names: [n] });
        owner.set(id, l.id);
      });
    const sIdx = new NameSearchIndex(nameRecs);
    const stat = { latin: [0, 0, 0], arabic: [0, 0, 0] };
    for (const r of nameRecs) {
      const person = owner.get(r.id)!;
      const hits = sIdx.search(r.names[0], 6).filter((h) => h.id !== r.id);
      const kind = /[\u0600-\u06FF]/.test(r.names[0]) ? 'arabic' : 'latin';
      const top1 = hits[0] && owner.get(hits[0].id) === person;
      const top5 = hits.slice(0, 5).some((h) => owner.get(h.id) === person);
      stat[kind][0]++;
      if (top1) stat[kind][1]++;
      if (top5) stat[kind][2]++;
    }
    for (const kind of ['latin', 'arabic'] as const) {
      const [n, h1, h5] = stat[kind];
      rows.push([
        `sanctions lists: each ${kind}-script name → another name of the same person (${n} names)`,
        '',
        `top-1 ${f3(h1 / n)}`,
        `top-5 ${f3(h5 / n)}`,
        '',
      ]);
    }
    // UN–OFAC candidate links: are the two records scored as one person?
    const linkFile = path.join(dataDir, 'un-ofac-candidate-links.jsonl');
    const byId = new Map(lines.map((l) => [l.id, l]));
    const toRecord = (l: SanctionsLine): PersonRecord => ({
      id: l.id,
      names: [l.primary, ...l.aliases.map((a) => a.name), ...l.original_script].filter((n) => n && n.trim()),
      ...(l.dob.find((d) => /^\d{4}(-\d{2}-\d{2})?$/.test(d))
        ? { dob: l.dob.find((d) => /^\d{4}(-\d{2}-\d{2})?$/.test(d)) }
        : {}),
    });
    const prepared = new Map(lines.map((l) => [l.id, prepareRecord(toRecord(l))]));
    const freq = new NameFrequency(prepared.values());
    const links = readFileSync(linkFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { un_id: string; ofac_id: string });
    const dec = { same: 0, possible: 0, different: 0 };
    for (const k of links) {
      const a = prepared.get(k.un_id),
        b = prepared.get(k.ofac_id);
      if (!a || !b || !byId.has(k.un_id)) continue;
      dec[scorePair(a, b, freq).decision]++;
    }
    // Names only (dates withheld): the engine must link on names alone.
    const decNames = { same: 0, possible: 0, different: 0 };
    for (const k of links) {
      const a = prepared.get(k.un_id),
        b = prepared.get(k.ofac_id);
      if (!a || !b) continue;
      decNames[scorePair({ ...a, dob: null }, { ...b, dob: null }, freq).decision]++;
    }
    rows.push([
      `UN–OFAC candidate links (${links.length}), with dates of birth`,
      `same ${dec.same}`,
      `possible ${dec.possible}`,
      `different ${dec.different}`,
      '',
    ]);
    rows.push([
      `UN–OFAC candidate links (${links.length}), names only`,
      `same ${decNames.same}`,
      `possible ${decNames.possible}`,
      `different ${decNames.different}`,
      '',
    ]);
  } else notes.push(`Sanctions data not found at ${dataDir}; real-data rows skipped.`);

  notes.push(
    'Synthetic register: syntheticRegister({ seed: 42, persons: 10000 }) — 6% namesakes, partial/swapped/off-by-one dates, Arabic script and four transliteration habits. The generator shares its name vocabulary with the engine, so its figures are optimistic; the sanctions rows are the independent check.',
  );
  return {
    title: 'Identity resolution',
    columns: ['case', 'precision', 'recall', 'F1', 'time'],
    rows,
    notes,
  };
}
