import { createHash } from 'node:crypto';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers: everything but the hash itself. */
export interface HashedEntry {
  seq: number;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  site_id: string | null;
  changes: string;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
}

/**
 * JSON with keys sorted at every depth, so the same entry always hashes the same whatever order
 * its fields were built or read back in.
 *
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 over the canonical entry, which includes the previous entry's hash. */
export function hashEntry(entry: HashedEntry): string {
  const canonical = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor_type: entry.actor_type,
    actor_id: entry.actor_id,
    actor_name: entry.actor_name,
    action: entry.action,
    subject_type: entry.subject_type,
    subject_id: entry.subject_id,
    site_id: entry.site_id,
    changes: entry.changes,
    request_id: entry.request_id,
    ip: entry.ip,
    prev_hash: entry.prev_hash,
  });
  return createHash('sha256').update(canonical).digest('hex');
}
