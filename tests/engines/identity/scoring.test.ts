import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clusterRecords,
  compareDob,
  dobCase,
  NameFrequency,
  parseDob,
  NameSearchIndex,
  prepareRecord,
  blockingKeys,
  scoreOptionsFor,
  sameStrength,
  scorePair,
  syntheticRegister,
  validatePersonRecord,
  type PersonRecord,
} from '../../../src/engines/identity';

const freq = new NameFrequency();
const score = (a: Omit<PersonRecord, 'id'>, b: Omit<PersonRecord, 'id'>) =>
  scorePair(prepareRecord({ id: 'a', ...a }), prepareRecord({ id: 'b', ...b }), freq);

describe('scorePair', () => {
  it('links a Latin and an Arabic-script record of one person, with evidence', () => {
    const s = score(
      {
        names: ['Husayn Hasan Ismail al-Jubouri'],
        dob: '1987-07-23',
        motherName: 'Fatima',
        nationality: ['IQ'],
      },
      {
        names: ['AL-JUBOURI, Hussein Hassan', 'حسين حسن اسماعيل الجبوري'],
        dob: '1987-07-23',
        motherName: 'فاطمة',
      },
    );
    expect(s.decision).toBe('same');
    expect(s.evidence.map((e) => e.field)).toEqual(expect.arrayContaining(['name', 'dob', 'motherName']));
    expect(s.evidence.every((e) => e.message.length > 0)).toBe(true);
  });
  it('tolerates a swapped day and month and a year off by one', () => {
    expect(
      score(
        { names: ['Qasim Abbas Kadhim'], dob: '1980-03-07' },
        { names: ['Gasim Abbas Kazim'], dob: '1980-07-03' },
      ).decision,
    ).toBe('same');
    expect(
      score(
        { names: ['Qasim Abbas Kadhim'], dob: '1980-03-07' },
        { names: ['Kasim Abbas Kazim'], dob: '1981-03-07' },
      ).decision,
    ).not.toBe('different');
  });
  it('keeps common-name namesakes apart by mother, date or sex', () => {
    expect(
      score(
        { names: ['Muhammad Ahmad Ali'], dob: '1990-01-01', motherName: 'Zainab' },
        { names: ['Mohammed Ahmed Ali'], dob: '1990-01-01', motherName: 'Fatima' },
      ).decision,
    ).not.toBe('same');
    expect(
      score({ names: ['Muhammad Ahmad Ali'], dob: '1990' }, { names: ['Mohammed Ahmed Ali'], dob: '1975' })
        .decision,
    ).toBe('different');
    expect(
      score(
        { names: ['Nadia Ahmad Ali'], sex: 'F', dob: '1990-01-01' },
        { names: ['Nadia Ahmad Ali'], sex: 'M', dob: '1990-01-01' },
      ).evidence.some((e) => e.hard),
    ).toBe(true);
  });
  it('links a full name with an agreeing birth year without a mother or full date', () => {
    expect(
      score(
        { names: ['Mushtaq Ibrahim Nizar al-Rawi'], dob: '1983', nationality: ['EG'] },
        { names: ['مشتاق ابراهيم نزار الراوي'], dob: '1983-04-02', nationality: ['EG'] },
      ).decision,
    ).toBe('same');
  });
  it.each([
    ['different day and month in the same year', '1983-04-02', '1983-09-11'],
    ['dates two years apart', '1983-04-02', '1985-04-02'],
  ])('keeps a pair with %s for a human even when every name agrees', (_label, d1, d2) => {
    expect(
      score({ names: ['Mushtaq Ibrahim Nizar'], dob: d1 }, { names: ['Mushtaq Ibrahim Nizar'], dob: d2 })
        .decision,
    ).not.toBe('same');
  });
  it('sameStrength counts the name with diminishing returns and asks more without a date', () => {
    const dob = { direction: 'for' as const, field: 'dob' as const, weight: 1.5, message: '' };
    expect(sameStrength(16, 16, 3, dob)).toBeCloseTo(19);
    expect(sameStrength(16, 16, 3, null)).toBeLessThan(sameStrength(16, 16, 3, dob));
    expect(sameStrength(32, 32, 3, null) - sameStrength(16, 16, 3, null)).toBeLessThan(16);
  });
  it('never takes Muhammad and Mahmud for one given name', () => {
    const s = score(
      { names: ['Muhammad Ali Hasan'], dob: '1980-02-03' },
      { names: ['Mahmud Ali Hasan'], dob: '1980-02-03' },
    );
    expect(s.decision).not.toBe('same');
    expect(s.evidence.some((e) => e.direction === 'against' && /given names differ/.test(e.message))).toBe(
      true,
    );
  });
  it.each([
    ['a surname read as a father', 'IDRISSA TRAORE', 'TRAORE, Idrissa Papa'],
    ['a father mistyped', 'Ghazi Bahrum Nizar al-Rawi', 'Ghazi Bahrun Nizar al-Rawi'],
  ])('still links when the names differ only by %s', (_label, x, y) => {
    const s = score({ names: [x], dob: '1971-05-09' }, { names: [y], dob: '1971-05-09' });
    expect(s.decision).toBe('same');
  });
  it('weighs a different grandfather or tribe against a match', () => {
    const base = { names: ['Ghazi Mushtaq Nizar al-Rawi'], dob: '1983' };
    const same = score(base, { names: ['Ghazi Mushtaq Nizar al-Rawi'], dob: '1983' });
    const gf = score(base, { names: ['Ghazi Mushtaq Bilal al-Rawi'], dob: '1983' });
    const tribe = score(base, { names: ['Ghazi Mushtaq Nizar al-Ani'], dob: '1983' });
    expect(same.decision).toBe('same');
    expect(gf.evidence.find((e) => /grandfather/.test(e.message))?.weight).toBe(-6);
    expect(tribe.evidence.find((e) => /family or tribe differ/.test(e.message))?.weight).toBe(-4);
    expect(gf.decision).not.toBe('same');
  });
  it('a common name alone is never enough', () => {
    expect(score({ names: ['Muhammad Ahmad'] }, { names: ['Mohamed Ahmed'] }).decision).not.toBe('same');
  });
});

describe('scorePair hot path', () => {
  it('gives the same score, decision and hard flag without evidence as with it (property over a synthetic register)', () => {
    const rows = [...syntheticRegister({ seed: 11, persons: 400 })].map((r) => prepareRecord(r.record));
    const f = new NameFrequency(rows);
    let compared = 0;
    for (let i = 0; i < rows.length; i++)
      for (let j = i + 1; j < rows.length; j += 7) {
        const full = scorePair(rows[i], rows[j], f, undefined, true);
        const fast = scorePair(rows[i], rows[j], f, undefined, false);
        expect([fast.score, fast.decision, fast.hard]).toEqual([
          full.score,
          full.decision,
          full.evidence.some((e) => e.hard),
        ]);
        compared++;
      }
    expect(compared).toBeGreaterThan(1000);
  });
  it.each([
    ['1987-07-23', '1987-07-23', 10],
    ['1987-07-03', '1987-03-07', 6],
    ['1987-07-23', '1988-07-23', 4],
    ['1987', '1987-07-23', 4],
    ['1987', '1988', 0],
    ['1987-07-23', '1987-07-11', -2],
    ['1987-07-23', '1987-02-11', -4],
    ['1987-07-23', '1989-07-23', -6],
    ['1987', '1991', -14],
  ])('dobCase(%s, %s) weighs %d, as compareDob does', (x, y, w) => {
    expect(dobCase(parseDob(x), parseDob(y))?.weight).toBe(w);
    expect(compareDob(parseDob(x), parseDob(y))?.weight).toBe(w);
  });
});

describe('clusterRecords', () => {
  it('does not chain two people through one ambiguous record', () => {
    const { clusterOf } = clusterRecords([
      { id: 'a1', names: ['Ali Hasan Kadhim al-Tamimi'], dob: '1985-02-03', motherName: 'Zainab' },
      { id: 'a2', names: ['علي حسن كاظم التميمي'], dob: '1985-02-03', motherName: 'زينب' },
      { id: 'x', names: ['Ali Hasan Kazim al-Tamimi'], dob: '1985' },
      { id: 'b1', names: ['Ali Hassan Kazim al-Tamimi'], dob: '1985-09-11', motherName: 'Maryam' },
      { id: 'b2', names: ['علي حسن كاظم التميمي'], dob: '1985-09-11', motherName: 'مريم' },
    ]);
    expect(clusterOf.get('a1')).toBe(clusterOf.get('a2'));
    expect(clusterOf.get('b1')).toBe(clusterOf.get('b2'));
    expect(clusterOf.get('a1')).not.toBe(clusterOf.get('b1'));
  });
  it('leaves a thin record that two different people fit equally well to a human', () => {
    const people: PersonRecord[] = [
      { id: 'x1', names: ['Ghazi Mushtaq Nizar'], dob: '1980-02-03', motherName: 'Zainab' },
      { id: 'y1', names: ['Ghazi Mushtaq Bilal'], dob: '1980-09-11', motherName: 'Maryam' },
      { id: 'thin', names: ['Ghazi Mushtaq'], dob: '1980' },
    ];
    const { clusterOf, review } = clusterRecords(people);
    expect(clusterOf.get('thin')).not.toBe(clusterOf.get('x1'));
    expect(clusterOf.get('thin')).not.toBe(clusterOf.get('y1'));
    expect(review.some((r) => r.a === 'thin' || r.b === 'thin')).toBe(true);
    // Without the rival, the same thin record joins the one person it fits.
    const alone = clusterRecords([people[0], people[2]]);
    expect(alone.clusterOf.get('thin')).toBe(alone.clusterOf.get('x1'));
  });
  it('gives clustering, search and screening one standard for a register of a given size', () => {
    expect(scoreOptionsFor(10_000).sizeAdjust).toBeUndefined();
    expect(scoreOptionsFor(80_000).sizeAdjust).toBeCloseTo(3);
    expect(scoreOptionsFor(80_000, { perDoubling: 1 }).sizeAdjust).toBeCloseTo(2);
  });
  it('asks more evidence of a merge in a larger register', () => {
    const pair: PersonRecord[] = [
      { id: 'a', names: ['Ghazi Mushtaq'], dob: '1980' },
      { id: 'b', names: ['غازي مشتاق'], dob: '1980-02-03' },
    ];
    expect(new Set(clusterRecords(pair).clusterOf.values()).size).toBe(1);
    // As if the register were 2^4 times the calibrated size.
    const strict = clusterRecords(pair, { calibratedSize: 0.125, perDoubling: 3 });
    expect(new Set(strict.clusterOf.values()).size).toBe(2);
  });
  it('compares two records of a common name pair through their third part and mother', () => {
    // 45 namesakes make every two-part block of "Muhammad Ahmad Kadhim" too large to compare.
    const records: PersonRecord[] = Array.from({ length: 45 }, (_, i) => ({
      id: `p${i}`,
      names: ['Muhammad Ahmad Kadhim'],
      dob: `${1950 + i}-01-0${1 + (i % 9)}`,
      motherName: 'Maryam',
    }));
    records.push(
      { id: 'a', names: ['Muhammad Ahmad Kadhim'], motherName: 'Zainab' },
      { id: 'b', names: ['محمد احمد كاظم'], sex: 'M', motherName: 'زينب' },
    );
    const { clusterOf } = clusterRecords(records);
    expect(clusterOf.get('a')).toBe(clusterOf.get('b'));
    expect(clusterOf.get('a')).not.toBe(clusterOf.get('p0'));
    const keys = blockingKeys(prepareRecord(records[45]));
    expect(keys.some((k) => k.startsWith('t:'))).toBe(true);
    expect(keys.some((k) => k.startsWith('m'))).toBe(true);
  });
  it('is precise on a synthetic register and finds most of its duplicates', () => {
    // Large enough that a handful of pairs does not decide it (800 persons give some 600 true pairs).
    const rows = [...syntheticRegister({ seed: 3, persons: 2000 })];
    const { clusterOf } = clusterRecords(rows.map((r) => r.record));
    let wrong = 0,
      right = 0,
      truePairs = 0;
    for (let i = 0; i < rows.length; i++)
      for (let j = i + 1; j < rows.length; j++) {
        const same = rows[i].person === rows[j].person;
        if (same) truePairs++;
        if (clusterOf.get(rows[i].record.id) === clusterOf.get(rows[j].record.id)) {
          if (same) right++;
          else wrong++;
        }
      }
    expect(wrong / Math.max(1, right + wrong)).toBeLessThan(0.03);
    // 0.902 here (the benchmark's figure at 10,000 persons is about 0.90); refusing a merge because
    // a thin record says little, rather than because it contradicts, brings it down to 0.885.
    expect(right / truePairs).toBeGreaterThan(0.895);
    expect(new Set(rows.map((r) => r.record.id)).size).toBe(clusterOf.size);
  });
  it('the generator is deterministic', () => {
    expect([...syntheticRegister({ seed: 9, persons: 50 })]).toEqual([
      ...syntheticRegister({ seed: 9, persons: 50 }),
    ]);
  });
});

describe('NameSearchIndex', () => {
  const records: PersonRecord[] = [
    { id: 'R1', names: ['حسين حسن اسماعيل الجبوري'], dob: '1987-07-23' },
    { id: 'R2', names: ['Hasan Husayn Ali'] },
    { id: 'R3', names: ['Magomed Guseynov'] },
  ];
  const index = new NameSearchIndex(records);
  it('finds an Arabic-script record from a Latin query and the reverse', () => {
    expect(index.search('Hussein Hassan al-Jubouri')[0].id).toBe('R1');
    expect(index.search('محمد حسين')[0].id).toBe('R3');
  });
  it('finds a rare part among thousands of records sharing a very common one, in either order', () => {
    const many: PersonRecord[] = [
      ...Array.from({ length: 2500 }, (_, k) => ({
        id: `M${k}`,
        names: [`Muhammad ${['Ali', 'Hasan', 'Umar', 'Jasim'][k % 4]}`],
      })),
      { id: 'T1', names: ['Muhammad Abd al-Razzaq Mushtaq'] },
    ];
    const idx = new NameSearchIndex(many);
    expect(idx.search('Mohammed Mushtaq', 5)[0].id).toBe('T1');
    expect(idx.search('Mushtak Muhammad', 5)[0].id).toBe('T1');
    expect(idx.search('Muhammad Mushtaq', 5)[0].evidence.length).toBeGreaterThan(0);
  });
  it('screens an arrival with decision and evidence', () => {
    const hits = index.screen({ id: 'T1', names: ['Hüseyin Hasan İsmail'], dob: '1987-07-23' });
    expect(hits[0].id).toBe('R1');
    expect(hits[0].decision).toBe('same');
  });
  it('links real sanctions-list aliases to their Arabic-script names (fixture)', () => {
    const lines = readFileSync(new URL('../../fixtures/sanctions-sample.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const recs = lines.map((l: { id: string; original_script: string[] }) => ({
      id: l.id,
      names: l.original_script,
    }));
    const idx = new NameSearchIndex(recs);
    let hit = 0;
    for (const l of lines) if (idx.search(l.primary, 3).some((h) => h.id === l.id)) hit++;
    expect(hit / lines.length).toBeGreaterThan(0.5);
  });
});

describe('validatePersonRecord', () => {
  it('names the line, record and field of each problem', () => {
    const r = validatePersonRecord(
      { id: 'R9', names: ['Husayn حسين'], dob: '1987-13-40', nationality: ['IRQ'], sex: 'X' },
      4,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['names[0]', 'dob', 'nationality[0]', 'sex']));
    expect(r.errors.every((e) => e.line === 4 && e.id === 'R9')).toBe(true);
    expect(validatePersonRecord({ id: 'R1', names: [] }).ok).toBe(false);
    expect(validatePersonRecord({ id: 'R1', names: ['王伟'] }).ok).toBe(false);
    expect(validatePersonRecord({ id: 'R1', names: ['Ali'], dob: '1987', nationality: ['IQ'] }).ok).toBe(
      true,
    );
  });
});
