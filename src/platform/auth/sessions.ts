import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { Principal, Role } from './policy';
import { newSecret, sha256 } from './tokens';

/**
 * Cookie sessions and API tokens resolved to a `Principal`. Only hashes are stored; the cookie's
 * token and the API token exist in clear only on the client.
 */
export class PrincipalStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly idleMinutes: number,
  ) {}

  async createSession(userId: string, ip: string | null): Promise<{ token: string; csrfToken: string }> {
    const token = newSecret();
    const csrfToken = newSecret();
    const now = this.clock.now();
    await this.db
      .insertInto('sessions')
      .values({
        id: sha256(token),
        user_id: userId,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: this.expiry(now),
        ip,
      })
      .execute();
    return { token, csrfToken };
  }

  async endSession(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
  }

  async endSessionsOf(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  /** The session's user, or null when the session is unknown, idle too long, or the user may no longer log in. */
  async fromSession(token: string): Promise<{ principal: Principal; csrfToken: string } | null> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as session_id',
        'sessions.csrf_token',
        'sessions.expires_at',
        'sessions.last_seen_at',
        'users.id',
        'users.display_name',
        'users.role',
        'users.all_sites',
        'users.disabled',
        'users.locked_out',
        'users.access_expires_at',
      ])
      .where('sessions.id', '=', sha256(token))
      .executeTakeFirst();
    if (!row || row.expires_at <= nowIso || row.disabled || row.locked_out) return null;
    if (row.access_expires_at && Date.parse(row.access_expires_at) <= now.getTime()) return null;
    // Sliding expiry, written at most once a minute so reads stay reads.
    if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: nowIso, expires_at: this.expiry(now) })
        .where('id', '=', row.session_id)
        .execute();
    }
    return {
      principal: {
        kind: 'user',
        id: row.id,
        name: row.display_name,
        role: row.role as Role,
        allSites: row.all_sites === 1,
        siteIds: await this.sitesOf(row.id),
        accessExpiresAt: row.access_expires_at,
      },
      csrfToken: row.csrf_token,
    };
  }

  async fromApiToken(token: string): Promise<Principal | null> {
    const nowIso = this.clock.now().toISOString();
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row || row.revoked_at || (row.expires_at && Date.parse(row.expires_at) <= Date.parse(nowIso)))
      return null;
    // Written at most once a minute, like a session's expiry: a token that sends a check a second
    // would otherwise turn every read into a write on the store's single writer.
    if (!row.last_used_at || Date.parse(nowIso) - Date.parse(row.last_used_at) > 60_000)
      await this.db
        .updateTable('api_tokens')
        .set({ last_used_at: nowIso })
        .where('id', '=', row.id)
        .execute();
    return {
      kind: 'token',
      id: row.id,
      name: `token:${row.name}`,
      role: row.role as Role,
      allSites: row.all_sites === 1,
      siteIds: await this.sitesOf(row.id),
      accessExpiresAt: row.expires_at,
    };
  }

  async sitesOf(principalId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('principal_sites')
      .select('site_id')
      .where('principal_id', '=', principalId)
      .execute();
    return rows.map((r) => r.site_id);
  }

  private expiry(now: Date): string {
    return new Date(now.getTime() + this.idleMinutes * 60_000).toISOString();
  }
}
