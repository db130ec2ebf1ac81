import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'custodia-config-'));

describe('configuration', () => {
  it('defaults to the embedded store on port 8080 and keeps a generated secret beside it', () => {
    const dir = tmp();
    const config = loadConfig({ CUSTODIA_DB: path.join(dir, 'c.db') });
    expect(config.port).toBe(8080);
    expect(config.store).toEqual({ kind: 'sqlite', file: path.join(dir, 'c.db') });
    expect(readFileSync(path.join(dir, 'c.db.secret'), 'utf8').trim()).toBe(config.sessionSecret);
    expect(loadConfig({ CUSTODIA_DB: path.join(dir, 'c.db') }).sessionSecret).toBe(config.sessionSecret);
  });

  it('reports every problem at once, by name', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SESSION_SECRET'])
        expect(message).toContain(name);
    }
  });

  it('requires a session secret with PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@localhost/db' })).toThrow(
      /SESSION_SECRET is required/,
    );
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u:p@localhost/db', SESSION_SECRET: 's'.repeat(32) }).store.kind,
    ).toBe('postgres');
  });

  it("takes the estate's country and the safeguards' periods, refusing what is not one", () => {
    const file = path.join(tmp(), 'c.db');
    expect(loadConfig({ CUSTODIA_DB: file })).toMatchObject({
      ownCountry: 'IQ',
      lawyerVisitDays: 30,
      complianceResolutionDays: 7,
    });
    expect(
      loadConfig({
        CUSTODIA_DB: file,
        CUSTODIA_OWN_COUNTRY: 'jo',
        CUSTODIA_LAWYER_VISIT_DAYS: '14',
        CUSTODIA_RESOLUTION_DAYS: '3',
      }),
    ).toMatchObject({ ownCountry: 'JO', lawyerVisitDays: 14, complianceResolutionDays: 3 });
    try {
      loadConfig({
        CUSTODIA_DB: file,
        CUSTODIA_OWN_COUNTRY: 'Iraq',
        CUSTODIA_LAWYER_VISIT_DAYS: '0',
        CUSTODIA_RESOLUTION_DAYS: 'a week',
      });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['CUSTODIA_OWN_COUNTRY', 'CUSTODIA_LAWYER_VISIT_DAYS', 'CUSTODIA_RESOLUTION_DAYS'])
        expect(message).toContain(name);
    }
  });
});
