import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { recordAudit } from '../../platform/audit/audit-log';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/passwords';
import { isRole, type Role } from '../../platform/auth/policy';
import type { PrincipalStore } from '../../platform/auth/sessions';
import { newSecret, sha256 } from '../../platform/auth/tokens';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { Database } from '../../platform/db/schema';
import {
  AppError,
  BadRequest,
  Conflict,
  NotFound,
  TooManyRequests,
  Unauthorized,
} from '../../platform/errors';
import type { Actor } from '../../platform/http/actor';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  allSites: boolean;
  siteIds: string[];
  disabled: boolean;
  lockedOut: boolean;
  accessExpiresAt: string | null;
  language: string;
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: string;
  allSites?: boolean;
  siteIds?: string[];
  accessExpiresAt?: string | null;
  language?: string;
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  allSites: boolean;
  siteIds: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Failed log-ins before the growing delay starts, and before the account is locked out. */
export const LOGIN_FREE_FAILURES = 3;
export const LOGIN_LOCKOUT_FAILURES = 10;

/**
 * Accounts and API tokens, and the log-in itself. Every change is audited in its transaction;
 * passwords and tokens are kept only as argon2id and SHA-256 hashes.
 */
export class UsersService {
  /** Hashed once so that an unknown username costs as much time as a wrong password. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly principals: PrincipalStore,
  ) {}

  async list(): Promise<UserView[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('username').execute();
    const sites = await this.db.selectFrom('principal_sites').selectAll().execute();
    return rows.map((r) =>
      toView(
        r,
        sites.filter((s) => s.principal_id === r.id).map((s) => s.site_id),
      ),
    );
  }

  async get(id: string): Promise<UserView> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('user');
    return toView(row, await this.principals.sitesOf(id));
  }

  async findByUsername(username: string): Promise<UserView | null> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? this.get(row.id) : null;
  }

  async create(actor: Actor, input: NewUser): Promise<UserView> {
    const role = checkRole(input.role);
    const problem = passwordProblem(input.password);
    if (problem) throw new BadRequest(`password: ${problem}`, 'password');
    if (!/^[a-z0-9._-]{3,64}$/i.test(input.username))
      throw new BadRequest('username: 3 to 64 letters, digits, dots, dashes or underscores', 'username');
    const siteIds = await this.checkSites(input.siteIds ?? [], input.allSites ?? false);
    if (role === 'inspector' && !input.accessExpiresAt)
      throw new BadRequest('accessExpiresAt: inspectors need an access end date', 'accessExpiresAt');
    const now = this.clock.now().toISOString();
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password);
    await this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (taken) throw new Conflict(`username: ${input.username} is taken`, 'username');
      await trx
        .insertInto('users')
        .values({
          id,
          username: input.username,
          display_name: input.displayName,
          password_hash: passwordHash,
          role,
          all_sites: input.allSites ? 1 : 0,
          disabled: 0,
          failed_logins: 0,
          locked_until: null,
          locked_out: 0,
          access_expires_at: normalTime(input.accessExpiresAt),
          language: input.language ?? 'en',
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (siteIds.length > 0)
        await trx
          .insertInto('principal_sites')
          .values(siteIds.map((s) => ({ principal_id: id, site_id: s })))
          .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'user.create',
        subjectType: 'user',
        subjectId: id,
        changes: {
          username: input.username,
          role,
          allSites: !!input.allSites,
          siteIds,
          accessExpiresAt: input.accessExpiresAt ?? null,
        },
      });
    });
    return this.get(id);
  }

  /**
   * Creates several accounts inside the caller's transaction (the demo's one per role), one audit
   * entry each. Passwords are hashed before the caller opens its transaction: pass them hashed.
   *
   * @example await users.insertMany(trx, actor, [{ username: 'director', displayName: 'Director', passwordHash: await hashPassword(pw), role: 'director', allSites: true }]);
   */
  async insertMany(
    trx: Transaction<Database>,
    actor: Actor,
    inputs: (Omit<NewUser, 'password'> & { passwordHash: string })[],
  ): Promise<string[]> {
    const now = this.clock.now().toISOString();
    const ids: string[] = [];
    for (const input of inputs) {
      const role = checkRole(input.role);
      if (!/^[a-z0-9._-]{3,64}$/i.test(input.username))
        throw new BadRequest('username: 3 to 64 letters, digits, dots, dashes or underscores', 'username');
      if (role === 'inspector' && !input.accessExpiresAt)
        throw new BadRequest('accessExpiresAt: inspectors need an access end date', 'accessExpiresAt');
      const siteIds = input.allSites ? [] : [...new Set(input.siteIds ?? [])];
      if (!input.allSites && siteIds.length === 0)
        throw new BadRequest('siteIds: name at least one site, or set allSites', 'siteIds');
      const found = siteIds.length
        ? await trx.selectFrom('sites').select('id').where('id', 'in', siteIds).execute()
        : [];
      if (found.length !== siteIds.length) throw new BadRequest('siteIds: unknown site', 'siteIds');
      const taken = await trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (taken) throw new Conflict(`username: ${input.username} is taken`, 'username');
      const id = randomUUID();
      await trx
        .insertInto('users')
        .values({
          id,
          username: input.username,
          display_name: input.displayName,
          password_hash: input.passwordHash,
          role,
          all_sites: input.allSites ? 1 : 0,
          disabled: 0,
          failed_logins: 0,
          locked_until: null,
          locked_out: 0,
          access_expires_at: input.accessExpiresAt ?? null,
          language: input.language ?? 'en',
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (siteIds.length > 0)
        await trx
          .insertInto('principal_sites')
          .values(siteIds.map((s) => ({ principal_id: id, site_id: s })))
          .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'user.create',
        subjectType: 'user',
        subjectId: id,
        changes: {
          username: input.username,
          role,
          allSites: !!input.allSites,
          siteIds,
          accessExpiresAt: input.accessExpiresAt ?? null,
        },
      });
      ids.push(id);
    }
    return ids;
  }

  async update(
    actor: Actor,
    id: string,
    patch: {
      displayName?: string;
      role?: string;
      allSites?: boolean;
      siteIds?: string[];
      disabled?: boolean;
      accessExpiresAt?: string | null;
      language?: string;
    },
  ): Promise<UserView> {
    const before = await this.get(id);
    const role = patch.role !== undefined ? checkRole(patch.role) : before.role;
    const allSites = patch.allSites ?? before.allSites;
    const siteIds =
      patch.siteIds !== undefined ? await this.checkSites(patch.siteIds, allSites) : before.siteIds;
    const accessExpiresAt =
      patch.accessExpiresAt !== undefined ? patch.accessExpiresAt : before.accessExpiresAt;
    if (role === 'inspector' && !accessExpiresAt)
      throw new BadRequest('accessExpiresAt: inspectors need an access end date', 'accessExpiresAt');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          display_name: patch.displayName ?? before.displayName,
          role,
          all_sites: allSites ? 1 : 0,
          disabled: (patch.disabled ?? before.disabled) ? 1 : 0,
          access_expires_at: normalTime(accessExpiresAt),
          language: patch.language ?? before.language,
          updated_at: this.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      if (patch.siteIds !== undefined) {
        await trx.deleteFrom('principal_sites').where('principal_id', '=', id).execute();
        if (siteIds.length > 0)
          await trx
            .insertInto('principal_sites')
            .values(siteIds.map((s) => ({ principal_id: id, site_id: s })))
            .execute();
      }
      if (patch.disabled) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action:
          patch.disabled === true ? 'user.disable' : patch.disabled === false ? 'user.enable' : 'user.update',
        subjectType: 'user',
        subjectId: id,
        changes: { before: pick(before, patch), after: patch },
      });
    });
    return this.get(id);
  }

  /** An administrator sets a new password: it also lifts a lock-out and ends the user's sessions. */
  async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    await this.get(id);
    const problem = passwordProblem(password);
    if (problem) throw new BadRequest(`password: ${problem}`, 'password');
    const passwordHash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          password_hash: passwordHash,
          failed_logins: 0,
          locked_until: null,
          locked_out: 0,
          updated_at: this.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'user.reset-password',
        subjectType: 'user',
        subjectId: id,
      });
    });
  }

  /**
   * Checks a username and password. After LOGIN_FREE_FAILURES consecutive failures each further
   * attempt must wait twice as long as the last (1 s, 2 s, 4 s … up to 15 min); after
   * LOGIN_LOCKOUT_FAILURES the account is locked until an administrator resets its password.
   * Failures and successes are audited.
   */
  async logIn(
    username: string,
    password: string,
    ip: string | null,
    requestId: string | null,
  ): Promise<{ user: UserView; token: string; csrfToken: string }> {
    const now = this.clock.now();
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    const ctx = (who: { id: string; name: string } | null) => ({
      actor: { type: 'user' as const, id: who?.id ?? null, name: who?.name ?? username },
      requestId,
      ip,
    });
    if (!row) {
      this.dummyHash ??= hashPassword('not a real password, only for timing');
      await verifyPassword(await this.dummyHash, password);
      throw new Unauthorized('wrong username or password');
    }
    if (row.locked_out) throw new LockedOut();
    if (row.locked_until && row.locked_until > now.toISOString()) {
      const wait = Math.ceil((new Date(row.locked_until).getTime() - now.getTime()) / 1000);
      throw new TooManyRequests(`too many failed log-ins: try again in ${wait} s`, wait);
    }
    const ok = await verifyPassword(row.password_hash, password);
    const who = { id: row.id, name: row.display_name };
    if (!ok) {
      const failures = row.failed_logins + 1;
      const lockedOut = failures >= LOGIN_LOCKOUT_FAILURES;
      const delay =
        failures >= LOGIN_FREE_FAILURES ? Math.min(2 ** (failures - LOGIN_FREE_FAILURES), 900) : 0;
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({
            failed_logins: failures,
            locked_out: lockedOut ? 1 : 0,
            locked_until: delay > 0 ? new Date(now.getTime() + delay * 1000).toISOString() : null,
          })
          .where('id', '=', row.id)
          .execute();
        await recordAudit(trx, this.clock, ctx(who), {
          action: lockedOut ? 'auth.locked-out' : 'auth.login-failed',
          subjectType: 'user',
          subjectId: row.id,
          changes: { failures },
        });
      });
      if (lockedOut) throw new LockedOut();
      throw new Unauthorized('wrong username or password');
    }
    if (row.disabled) throw new Unauthorized('this account is disabled');
    if (row.access_expires_at && Date.parse(row.access_expires_at) <= now.getTime())
      throw new Unauthorized("this account's access has expired");
    const session = await this.principals.createSession(row.id, ip);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', row.id)
        .execute();
      await recordAudit(trx, this.clock, ctx(who), {
        action: 'auth.login',
        subjectType: 'user',
        subjectId: row.id,
      });
    });
    return { user: await this.get(row.id), ...session };
  }

  async logOut(actor: Actor, token: string): Promise<void> {
    await this.principals.endSession(token);
    await this.db.transaction().execute((trx) =>
      recordAudit(trx, this.clock, actor.audit, {
        action: 'auth.logout',
        subjectType: 'user',
        subjectId: actor.audit.actor.id,
      }),
    );
  }

  async changeOwnPassword(actor: Actor, userId: string, current: string, next: string): Promise<void> {
    const row = await this.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row || !(await verifyPassword(row.password_hash, current)))
      throw new BadRequest('currentPassword: is wrong', 'currentPassword');
    const problem = passwordProblem(next);
    if (problem) throw new BadRequest(`newPassword: ${problem}`, 'newPassword');
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, updated_at: this.clock.now().toISOString() })
        .where('id', '=', userId)
        .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'user.change-password',
        subjectType: 'user',
        subjectId: userId,
      });
    });
  }

  async listTokens(): Promise<TokenView[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
    const sites = await this.db.selectFrom('principal_sites').selectAll().execute();
    return rows.map((r) =>
      tokenView(
        r,
        sites.filter((s) => s.principal_id === r.id).map((s) => s.site_id),
      ),
    );
  }

  /** The token's secret is returned once, here, and never again. */
  async createToken(
    actor: Actor,
    input: { name: string; role: string; allSites?: boolean; siteIds?: string[]; expiresAt?: string | null },
  ): Promise<{ token: string; view: TokenView }> {
    const role = checkRole(input.role);
    const siteIds = await this.checkSites(input.siteIds ?? [], input.allSites ?? false);
    if (role === 'inspector' && !input.expiresAt)
      throw new BadRequest("expiresAt: inspectors' tokens need an end date", 'expiresAt');
    const token = newSecret('cus_');
    const id = randomUUID();
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('api_tokens')
        .values({
          id,
          name: input.name,
          token_hash: sha256(token),
          prefix: token.slice(0, 10),
          role,
          all_sites: input.allSites ? 1 : 0,
          created_by: actor.audit.actor.id ?? 'system',
          created_at: now,
          expires_at: normalTime(input.expiresAt),
          revoked_at: null,
          revoked_by: null,
          last_used_at: null,
        })
        .execute();
      if (siteIds.length > 0)
        await trx
          .insertInto('principal_sites')
          .values(siteIds.map((s) => ({ principal_id: id, site_id: s })))
          .execute();
      await recordAudit(trx, this.clock, actor.audit, {
        action: 'token.create',
        subjectType: 'api_token',
        subjectId: id,
        changes: {
          name: input.name,
          role,
          allSites: !!input.allSites,
          siteIds,
          expiresAt: input.expiresAt ?? null,
        },
      });
    });
    const view = (await this.listTokens()).find((t) => t.id === id)!;
    return { token, view };
  }

  async revokeToken(actor: Actor, id: string): Promise<TokenView> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'revoked_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFound('token');
    if (!row.revoked_at) {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('api_tokens')
          .set({ revoked_at: this.clock.now().toISOString(), revoked_by: actor.audit.actor.id })
          .where('id', '=', id)
          .execute();
        await recordAudit(trx, this.clock, actor.audit, {
          action: 'token.revoke',
          subjectType: 'api_token',
          subjectId: id,
        });
      });
    }
    return (await this.listTokens()).find((t) => t.id === id)!;
  }

  private async checkSites(siteIds: string[], allSites: boolean): Promise<string[]> {
    if (allSites) return [];
    const unique = [...new Set(siteIds)];
    if (unique.length === 0)
      throw new BadRequest('siteIds: name at least one site, or set allSites', 'siteIds');
    const found = await this.db.selectFrom('sites').select('id').where('id', 'in', unique).execute();
    const missing = unique.filter((s) => !found.some((f) => f.id === s));
    if (missing.length > 0) throw new BadRequest(`siteIds: unknown site ${missing[0]}`, 'siteIds');
    return unique;
  }
}

export class LockedOut extends AppError {
  constructor() {
    super(
      423,
      'locked',
      'this account is locked after repeated failed log-ins: ask an administrator to reset the password',
    );
  }
}

/** Times are stored in one format (toISOString) so that they compare as text. */
function normalTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new BadRequest(`"${value}" is not a date-time`);
  return new Date(ms).toISOString();
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw new BadRequest(`role: unknown role "${role}"`, 'role');
  return role;
}

function pick(view: UserView, patch: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) out[key] = (view as unknown as Record<string, unknown>)[key];
  return out;
}

function toView(
  r: {
    id: string;
    username: string;
    display_name: string;
    role: string;
    all_sites: number;
    disabled: number;
    locked_out: number;
    access_expires_at: string | null;
    language: string;
    created_at: string;
  },
  siteIds: string[],
): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    allSites: r.all_sites === 1,
    siteIds,
    disabled: r.disabled === 1,
    lockedOut: r.locked_out === 1,
    accessExpiresAt: r.access_expires_at,
    language: r.language,
    createdAt: r.created_at,
  };
}

function tokenView(
  r: {
    id: string;
    name: string;
    prefix: string;
    role: string;
    all_sites: number;
    created_at: string;
    expires_at: string | null;
    revoked_at: string | null;
    last_used_at: string | null;
  },
  siteIds: string[],
): TokenView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role as Role,
    allSites: r.all_sites === 1,
    siteIds,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}
