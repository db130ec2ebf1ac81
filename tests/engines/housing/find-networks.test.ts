import { describe, expect, it } from 'vitest';
import { findNetworks } from '../../../src/engines/housing';

describe('findNetworks', () => {
  it('finds two dense groups joined by a weak tie', () => {
    const links = [];
    for (const g of [
      ['A1', 'A2', 'A3', 'A4'],
      ['B1', 'B2', 'B3', 'B4'],
    ])
      for (let i = 0; i < g.length; i++)
        for (let j = i + 1; j < g.length; j++) links.push({ a: g[i], b: g[j], weight: 0.9 });
    links.push({ a: 'A1', b: 'B1', weight: 0.1 });
    const r = findNetworks(links, { seed: 1 });
    expect(r.networks).toHaveLength(2);
    expect(r.networks.map((n) => n.members).sort()).toEqual([
      ['A1', 'A2', 'A3', 'A4'],
      ['B1', 'B2', 'B3', 'B4'],
    ]);
    expect(r.networks[0]).toMatchObject({ id: 1, size: 4, internalWeight: 5.4, externalWeight: 0.1 });
    expect(r.modularity).toBeGreaterThan(0.3);
    expect(findNetworks(links, { seed: 1 })).toEqual(r);
  });

  it('handles no links', () => {
    expect(findNetworks([])).toEqual({ networks: [], modularity: 0 });
  });
});
