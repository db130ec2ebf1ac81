import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie, CSRF token or API token: 32 bytes, URL-safe. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Secrets are stored only as their SHA-256: a copy of the database opens no session. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
