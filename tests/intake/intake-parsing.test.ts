import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeManifest,
  parseCsv,
  parseManifestDate,
  readManifest,
  resolveNationality,
} from '../../src/modules/intake';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/intake/${name}`, import.meta.url), 'utf8');
const today = '2026-03-01';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted commas, doubled quotes, line breaks in quotes, CRLF and a missing last newline', () => {
    const { records, lines } = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n\r\n1,,3');
    expect(records).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['1', '', '3'],
    ]);
    expect(lines).toEqual([1, 2, 5]);
  });
  it('keeps Arabic text as it is', () => {
    expect(parseCsv('name\nحسين حسن\n').records[1]).toEqual(['حسين حسن']);
  });
  it('names the line of a broken quote', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(/line 2: a quoted field is never closed/);
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/line 2: a closing quote/);
  });
});

describe('parseManifestDate', () => {
  it.each([
    ['1987-03-14', '1987-03-14'],
    ['1987-03', '1987-03'],
    ['1987', '1987'],
    ['14/03/1987', '1987-03-14'],
    ['4.3.1987', '1987-03-04'],
    ['4-3-1987', '1987-03-04'],
    ['03/1987', '1987-03'],
    ['3.1987', '1987-03'],
    ['c. 1987', '1987'],
    ['حوالي ١٩٨٧', '1987'],
  ])('%s → %s', (raw, value) => expect(parseManifestDate(raw, today)).toEqual({ ok: true, value }));
  it.each([
    ['31/02/1990', 'not a calendar day'],
    ['1990-13', 'month 13'],
    ['2030', 'in the future'],
    ['yesterday', 'is not a date'],
    ['1850', 'out of range'],
  ])('%s is refused (%s)', (raw, reason) => {
    const r = parseManifestDate(raw, today);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain(reason);
  });
});

describe('resolveNationality', () => {
  it.each([
    ['TR', 'TR'],
    ['tr', 'TR'],
    ['TUR', 'TR'],
    ['Turkey', 'TR'],
    ['Türkiye', 'TR'],
    ['تركيا', 'TR'],
    ['Russia', 'RU'],
    ['Russian Federation', 'RU'],
    ['روسيا', 'RU'],
    ['Canada', 'CA'],
    ['كندا', 'CA'],
    ['United Kingdom', 'GB'],
    ['Syria', 'SY'],
    ['سوريا', 'SY'],
    ['Iraq', 'IQ'],
  ])('%s → %s', (raw, code) => expect(resolveNationality(raw)).toBe(code));
  it('refuses what is not a country', () => expect(resolveNationality('Narnia')).toBeNull());
});

describe('readManifest', () => {
  it("reads Custodia's own columns: partial dates, codes and names, Arabic-only names, a derived age category", () => {
    const r = readManifest(fixture('manifest-small.csv'), { today });
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(8);
    const [first, , third, fourth, fifth, , seventh, eighth] = r.rows;
    expect(first.names).toEqual([
      { name: 'Husayn Hasan Ismail al-Jubouri', script: 'latin', kind: 'legal' },
      { name: 'حسين حسن اسماعيل الجبوري', script: 'arabic', kind: 'legal' },
      { name: 'Abu Imad al-Iraqi', script: 'latin', kind: 'kunya' },
    ]);
    expect(third).toMatchObject({ dob: '1993-04', nationalities: ['RU'], legalStatus: 'convicted' });
    expect(fourth).toMatchObject({ dob: '1990-06-02', nationalities: ['CA'] });
    expect(fifth.names).toEqual([{ name: 'عمر خالد عبد الله الدليمي', script: 'arabic', kind: 'legal' }]);
    expect(fifth.nationalities).toEqual(['SY']);
    expect(seventh.nationalities).toEqual(['IQ', 'SY']);
    expect(eighth.ageCategory).toBe('juvenile');
  });

  it('reports every problem of every row with its row, field and reason', () => {
    const r = readManifest(fixture('manifest-errors.csv'), { today });
    expect(r.rows.map((x) => x.manifestNo)).toEqual(['ERR-0001']);
    const got = r.errors.map((e) => `${e.row} ${e.field}`);
    expect(got).toEqual([
      '2 sex',
      '2 dob',
      '2 nationalities',
      '2 legal_status',
      '2 arrest_date',
      '3 manifest_id',
      '4 name_ar',
      '4 dob',
      '4 age_category',
      '5 manifest_id',
      '5 age_category',
    ]);
    expect(r.errors.find((e) => e.row === 2 && e.field === 'nationalities')!.reason).toBe(
      '"Narnia" is not a known country code or name',
    );
    expect(r.errors.find((e) => e.row === 3)!.reason).toBe('"ERR-0001" is already on row 1');
    expect(r.errors.find((e) => e.row === 4 && e.field === 'name_ar')!.reason).toContain(
      'not written in Arabic script',
    );
  });

  it('reads a foreign layout through a mapping: "SURNAME, Given", day-first dates, names of countries, Y/N', () => {
    const mapping = JSON.parse(fixture('mapping-foreign.json'));
    const r = readManifest(fixture('manifest-foreign.csv'), { today, mapping });
    expect(r.errors).toEqual([]);
    expect(r.ignoredColumns).toEqual([]);
    const [omar, emre, karim, salma] = r.rows;
    expect(omar.names).toEqual([
      { name: 'Omar Khalid al-Dulaimi', script: 'latin', kind: 'legal' },
      { name: 'عمر خالد الدليمي', script: 'arabic', kind: 'legal' },
      { name: 'Abu Khalid al-Iraqi', script: 'latin', kind: 'kunya' },
      { name: 'Omar Dulaimi', script: 'latin', kind: 'alias' },
    ]);
    expect(omar).toMatchObject({
      manifestNo: 'FGN-0001',
      dob: '1986-03-14',
      nationalities: ['IQ'],
      motherName: 'خديجة',
      legalStatus: 'untried',
      ageCategory: 'adult',
      arrestDate: '2018-05-02',
      sendingReference: 'FR/2026/001',
    });
    expect(emre).toMatchObject({ nationalities: ['TR'], legalStatus: 'convicted', arrestDate: '2019-01-11' });
    expect(karim).toMatchObject({ dob: '2008-07', ageCategory: 'juvenile', arrestDate: '2019-03' });
    expect(salma).toMatchObject({ sex: 'F', nationalities: ['EG'] });
    expect(salma.names.at(-1)).toEqual({ name: 'Umm Yusuf', script: 'latin', kind: 'kunya' });
  });

  it('refuses a foreign layout without its mapping, naming the missing columns', () => {
    expect(() => readManifest(fixture('manifest-foreign.csv'), { today })).toThrow(
      /missing required columns manifest_id, sex, nationalities, legal_status/,
    );
  });

  it('reads JSON: an envelope with the manifest identifier, arrays or strings for nationalities', () => {
    const r = readManifest(fixture('manifest-small.json'), { today });
    expect(r).toMatchObject({
      format: 'json',
      manifestId: 'TA/2026/JSON-1',
      sendingAuthority: 'Test Authority',
      errors: [],
    });
    expect(r.rows[1]).toMatchObject({
      nationalities: ['JO'],
      arrestDate: '2019-08-15',
      legalStatus: 'convicted',
    });
  });

  it('refuses files that are neither CSV nor JSON, or not UTF-8', () => {
    expect(() => readManifest('%PDF-1.4\u0000\u0001binary', { today })).toThrow(/binary file/);
    expect(() => readManifest('{"rows": 3}', { today })).toThrow(/JSON must be an array/);
    expect(() => readManifest('[{"a":', { today })).toThrow(/not valid JSON/);
    expect(() => readManifest('hello world\nthis is prose\n', { today })).toThrow(/missing required columns/);
    // "حسين" in Windows-1256 is not UTF-8.
    expect(() => decodeManifest(Uint8Array.from([0x6d, 0x0a, 0xe5, 0xd3, 0xed, 0xe4]))).toThrow(/not UTF-8/);
  });
});
