import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isCountryCode } from './countries';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type StoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface Config {
  host: string;
  port: number;
  store: StoreConfig;
  sessionSecret: string;
  logLevel: LogLevel;
  /** Behind TLS (directly or through a proxy): session cookies get the Secure flag. */
  secureCookies: boolean;
  /** Session lifetime of an idle log-in. */
  sessionIdleMinutes: number;
  /** The detaining state (ISO 3166 alpha-2): its nationals are not foreign (consular notice, VCCR 36). */
  ownCountry: string;
  /** Rule 61 finding: no lawyer visit for this many days. */
  lawyerVisitDays: number;
  /** A resolved compliance finding whose condition still holds comes back after this many days. */
  complianceResolutionDays: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads and validates the environment once, at start. Every problem is reported together so an
 * operator fixes them in one go rather than one restart at a time.
 *
 * @example loadConfig({ PORT: '9000', CUSTODIA_DB: '/srv/custodia.db' })
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const host = env.HOST?.trim() || '127.0.0.1';

  let port = 8080;
  if (env.PORT !== undefined && env.PORT !== '') {
    port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      problems.push(`PORT must be an integer from 0 to 65535 (got "${env.PORT}")`);
  }

  let store: StoreConfig;
  if (env.DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL))
      problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
    if (env.CUSTODIA_DB) problems.push('set DATABASE_URL or CUSTODIA_DB, not both');
    store = { kind: 'postgres', url: env.DATABASE_URL };
  } else {
    store = { kind: 'sqlite', file: path.resolve(env.CUSTODIA_DB || 'data/custodia.db') };
  }

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  let sessionSecret = env.SESSION_SECRET ?? '';
  if (sessionSecret && sessionSecret.length < 32)
    problems.push('SESSION_SECRET must be at least 32 characters');
  if (!sessionSecret && store.kind === 'postgres')
    problems.push('SESSION_SECRET is required with DATABASE_URL (at least 32 characters)');

  const idle = Number(env.SESSION_IDLE_MINUTES ?? 480);
  if (!Number.isInteger(idle) || idle < 1) problems.push('SESSION_IDLE_MINUTES must be a positive integer');

  const ownCountry = (env.CUSTODIA_OWN_COUNTRY?.trim() || 'IQ').toUpperCase();
  if (!isCountryCode(ownCountry))
    problems.push(
      `CUSTODIA_OWN_COUNTRY must be an ISO 3166 alpha-2 country code (got "${env.CUSTODIA_OWN_COUNTRY}")`,
    );
  const days = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1)
      problems.push(`${name} must be a positive whole number of days (got "${raw}")`);
    return n;
  };
  const lawyerVisitDays = days('CUSTODIA_LAWYER_VISIT_DAYS', 30);
  const complianceResolutionDays = days('CUSTODIA_RESOLUTION_DAYS', 7);

  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);

  if (!sessionSecret && store.kind === 'sqlite') sessionSecret = embeddedSecret(store.file);

  return {
    host,
    port,
    store,
    sessionSecret,
    logLevel,
    secureCookies: env.SECURE_COOKIES === 'true',
    sessionIdleMinutes: idle,
    ownCountry,
    lawyerVisitDays,
    complianceResolutionDays,
  };
}

/** In embedded mode the secret is generated once and kept beside the database file. */
function embeddedSecret(dbFile: string): string {
  const file = `${dbFile}.secret`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
