import { systemActor } from '../../src/platform/http/actor';
import type { TestApp } from '../helpers/test-app';

let serial = 0;

/** A detainee in custody at a site, in a cell (or with none), with a fictional name. */
export async function placeDetainee(
  t: TestApp,
  siteId: string,
  cellId: string | null,
  status: 'in_custody' | 'arriving' = 'in_custody',
): Promise<string> {
  serial++;
  const d = await t.services.register.create(systemActor('test'), {
    names: [
      {
        name: `Test Person ${String.fromCharCode(65 + (serial % 26))}${serial}`,
        script: 'latin',
        kind: 'legal',
      },
    ],
    sex: 'M',
    nationalities: ['IQ'],
    legalStatus: 'untried',
    ageCategory: 'adult',
    status,
    siteId,
    cellId,
    admittedAt: t.clock.now().toISOString(),
  });
  return d.id;
}

/** An idempotency key as a tablet would make one. */
export function key(): string {
  serial++;
  return `tab-${process.pid}-${serial}-${Math.random().toString(36).slice(2, 8)}`;
}
