import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detaineeReferences, looksLikeDetaineeReference } from '../../src/modules/register';
import { FixedClock } from '../../src/platform/clock';
import type { Store } from '../../src/platform/db/database';
import { migrateToLatest } from '../../src/platform/db/migrate';
import { freshStore } from '../helpers/store';

/**
 * A merge moves what the reference registry declares and nothing else: a new table with a
 * detainee column that is not declared would keep safety records on a merged-away record. This
 * reads the live schema (every migration applied) and fails for any such column.
 */
let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await freshStore());
  await migrateToLatest(store.db, new FixedClock('2026-03-01T08:00:00.000Z'));
});
afterAll(() => cleanup());

describe('the detainee reference registry', () => {
  it('declares every column of the schema that points at a detainee', async () => {
    const tables = await store.db.introspection.getTables();
    const declared = new Set(detaineeReferences().map((r) => `${r.table}.${r.column}`));
    const undeclared = tables
      .flatMap((t) =>
        t.columns
          .filter((c) => looksLikeDetaineeReference(t.name, c.name, c.dataType))
          .map((c) => `${t.name}.${c.name}`),
      )
      .filter((k) => !declared.has(k));
    expect(
      undeclared,
      'add these to src/modules/register/detainee-references.ts (move or keep, with a note)',
    ).toEqual([]);
  });

  it('names only columns that exist, with their key columns', async () => {
    const tables = new Map(
      (await store.db.introspection.getTables()).map((t) => [t.name, new Set(t.columns.map((c) => c.name))]),
    );
    for (const ref of detaineeReferences()) {
      const cols = tables.get(ref.table);
      if (!cols) continue; // a module not in this build
      for (const c of [
        ref.column,
        ...(ref.key ?? ['id']),
        ...(ref.uniqueWith ?? []),
        ...(ref.where ? [ref.where.column] : []),
      ])
        expect(cols.has(c), `${ref.table}.${c}`).toBe(true);
    }
  });

  it('tells detainee references from counts and other columns', () => {
    expect(looksLikeDetaineeReference('escapes', 'detainee_id', 'text')).toBe(true);
    expect(looksLikeDetaineeReference('links', 'detainee_a', 'TEXT')).toBe(true);
    expect(looksLikeDetaineeReference('incidents', 'detainees_killed', 'integer')).toBe(false);
    expect(looksLikeDetaineeReference('detainees', 'merged_into', 'text')).toBe(false);
  });
});
